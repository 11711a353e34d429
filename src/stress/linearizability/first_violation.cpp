#include "stress/linearizability/first_violation.hpp"

#include <cstdint>
#include <utility>

#include "stress/linearizability/explain.hpp"
#include "stress/linearizability/shrink.hpp"
#include "stress/linearizability/whole_map_checks.hpp"

namespace safemap::stress::linearizability {

std::optional<violation> first_violation(std::span<const thread_history> histories,
                                         std::span<const key_state> start, unsigned end_thread,
                                         const std::function<void(check_verdict)>& checked) {
  const std::uint64_t key_count = start.size();
  if (auto broken = check_whole_map_reads(histories, key_count, end_thread)) {
    return violation{.finding = std::move(*broken)};
  }
  auto by_key = project_by_key(histories, key_count);
  for (std::uint64_t key = 0; key < key_count; ++key) {
    const check_verdict verdict = check_key_history(by_key[key], start[key]).verdict;
    checked(verdict);
    if (verdict != check_verdict::not_linearizable) continue;
    const witness shrunk = shrink(key, std::move(by_key[key]), start[key]);
    return violation{.finding = describe_witness(shrunk, explain(shrunk), end_thread),
                     .witness_operations = shrunk.operations.size()};
  }
  return std::nullopt;
}

}  // namespace safemap::stress::linearizability
