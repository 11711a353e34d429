// linearizability/: does a recorded history fit the sequential model
//
// The linearizability check of one key's history (Wing & Gong's search with Lowe's memoization,
// the algorithm Porcupine uses): is there one order of the operations, consistent with real
// time (an operation that responded before another was invoked comes first), in which every
// operation returns what it really returned when run alone on the key?
//
// Why one key at a time is enough: linearizability is compositional (Herlihy & Wing), and every
// single-key operation touches one key, so a history is linearizable exactly when each key's
// projection is. Whole-map operations are projected as documented in operation.hpp.
//
// The search runs depth-first over the operations in invocation order, linearizing one whose
// predecessors are all placed, and remembers every (set of linearized operations, state) pair
// it has seen, so no partial order is explored twice. It is bounded: past `max_steps` search
// steps or `max_memo` remembered pairs it answers `undecided`, never a guess.
//
// Thread safety: pure function. Complexity: O(n log n) plus the search, which is linear for the
// histories a correct map leaves and exponential in the number of overlapping operations at
// worst, hence the bounds.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>

#include "stress/linearizability/operation.hpp"
#include "stress/linearizability/sequential_map.hpp"

namespace safemap::stress::linearizability {

enum class check_verdict { linearizable, not_linearizable, undecided };

// The default decides the histories a correct map leaves at once (a few steps per operation)
// and gives up on a pathological one within about 0.1 s (1 s under ThreadSanitizer).
struct check_budget {
  std::uint64_t max_steps = 500'000;
  std::size_t max_memo = 200'000;
};

struct check_outcome {
  check_verdict verdict = check_verdict::linearizable;
  std::uint64_t steps = 0;
};

check_outcome check_key_history(std::span<const key_operation> operations, const key_state& start,
                                const check_budget& budget = {});

}  // namespace safemap::stress::linearizability
