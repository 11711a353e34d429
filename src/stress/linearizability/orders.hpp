// Every legal order of a small key history: exhaustive over the orders consistent with real
// time, with memoization. For what the explanation needs to know exactly: the results one
// operation could have returned while all the others returned what they did.
// Thread safety: pure function. Complexity: at most max_order_nodes search nodes.
#pragma once

#include <cstddef>
#include <optional>
#include <set>
#include <span>

#include "stress/linearizability/operation.hpp"
#include "stress/linearizability/sequential_map.hpp"

namespace safemap::stress::linearizability {

inline constexpr std::size_t max_ordered = 24;           // operations
inline constexpr std::size_t max_order_nodes = 200'000;  // (placed, state, result) nodes visited

// What operations[free] returns in the orders from `start` in which every other operation
// returns what it recorded (empty when there is no such order). Nothing when the history is
// longer than max_ordered or the search outgrows max_order_nodes.
std::optional<std::set<operation_result>> legal_results(std::span<const key_operation> operations,
                                                        const key_state& start, std::size_t free);

}  // namespace safemap::stress::linearizability
