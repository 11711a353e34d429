// The sequential specification one key follows: std::unordered_map semantics of every
// operation, including the bool each write returns; a call whose callback throws (before it
// changes anything: key_operation::callback_throws) throws and leaves the key as it was. The
// checker asks it, for a state the key may be in, what an operation would return and leave behind.
#pragma once

#include <cstdint>
#include <optional>

#include "stress/linearizability/operation.hpp"

namespace safemap::stress::linearizability {

// A key is absent or holds a value.
using key_state = std::optional<std::uint64_t>;

struct step_outcome {
  key_state after;
  operation_result result;
};

// What `operation` returns and leaves when it runs alone on a key in state `before`.
step_outcome run_alone(const key_operation& operation, const key_state& before);

// Whether the state cannot have changed, judging by the recorded result alone: reads, writes
// that report they did nothing (insert of a present key, erase or update of an absent one), and
// calls that threw.
// Removing such an operation from a linearizable history leaves it linearizable.
bool leaves_state_unchanged(const key_operation& operation);

// The state the key is in right after `operation`, when its kind and recorded result alone tell
// it: a find or whole-map read (what it saw), a contains that found nothing, insert_or_assign,
// erase, clear, and an insert or upsert that added the key. Nothing for the others.
std::optional<key_state> state_after(const key_operation& operation);

}  // namespace safemap::stress::linearizability
