#include "stress/workloads/list.hpp"

#include <algorithm>

namespace safemap::stress {

std::string_view name_of(workload kind) {
  switch (kind) {
    case workload::read_heavy: return "read_heavy";
    case workload::write_heavy: return "write_heavy";
    case workload::iterate_while_writing: return "iterate_while_writing";
    case workload::resize_storm: return "resize_storm";
    case workload::hot_key_counters: return "hot_key_counters";
    case workload::erase_churn: return "erase_churn";
    case workload::clear_while_writing: return "clear_while_writing";
    case workload::shared_keys: return "shared_keys";
    case workload::throwing_callbacks: return "throwing_callbacks";
  }
  return "unknown";
}

std::optional<workload> workload_named(std::string_view name) {
  const auto* found =
      std::ranges::find(all_workloads, name, [](workload kind) { return name_of(kind); });
  if (found == all_workloads.end()) return std::nullopt;
  return *found;
}

}  // namespace safemap::stress
