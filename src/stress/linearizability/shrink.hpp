// Shrinking a non-linearizable key history to the fewest operations that still prove it.
//
// Removing an arbitrary operation can turn a real violation into a fake one (drop the write a
// read saw, and the read looks wrong). Only removals that keep every linearizable history
// linearizable are used, so whatever remains still fails only because the original did:
//   * an operation whose recorded result says it changed nothing (a read; insert of a present
//     key; erase or update of an absent one);
//   * the last operation, when it began after every other one had responded;
//   * everything up to an operation that overlapped no other one and after which the key's
//     state is known for a fact (its result tells it, state_after in sequential_map.hpp, or
//     every operation before it ran alone, one after the other): the rest must be explainable
//     from that state. That operation stays, as the witness's anchor: the first row.
// Each is applied while the history still fails (greedy, to a fixed point: no single further
// removal keeps it failing). A check that runs out of budget counts as "does not fail", so the
// witness is never wrong, only sometimes larger.
// Thread safety: pure function. Complexity: O(n) checks of at most n operations each.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

#include "stress/linearizability/checker.hpp"
#include "stress/linearizability/operation.hpp"
#include "stress/linearizability/sequential_map.hpp"

namespace safemap::stress::linearizability {

struct witness {
  std::uint64_t key = 0;
  std::optional<key_operation> anchor;    // the operation that left the key in `start`, if any
  key_state start;                        // else: the key's state when the segment began
  std::vector<key_operation> operations;  // not linearizable from `start`; in invocation order
  std::size_t shrunk_from = 0;
};

// `operations` must not be linearizable from `start`.
witness shrink(std::uint64_t key, std::vector<key_operation> operations, const key_state& start,
               const check_budget& budget = {});

}  // namespace safemap::stress::linearizability
