// workloads/: what the threads of a round do, one file per workload
//
// The workloads the stress driver knows, by name. What each one does is in workloads.hpp.
#pragma once

#include <array>
#include <optional>
#include <string_view>

namespace safemap::stress {

enum class workload {
  read_heavy,             // preloaded map; 90% find, 10% insert_or_assign of existing keys
  write_heavy,            // insert_or_assign / insert / erase / find on each thread's own keys
  iterate_while_writing,  // every fourth thread runs for_each / snapshot while the others write
  resize_storm,           // start empty and grow through many rehashes, over and over
  hot_key_counters,       // every thread increments the same few counters with upsert
  erase_churn,            // insert and erase own keys while finding everyone's
  clear_while_writing,    // every fourth thread clears the map while the others write
  shared_keys,         // every thread on the same few keys; the history checked for linearizability
  throwing_callbacks,  // upsert and update of own keys; one callback in 16 throws
};

inline constexpr std::array all_workloads{
    workload::read_heavy,          workload::write_heavy,      workload::iterate_while_writing,
    workload::resize_storm,        workload::hot_key_counters, workload::erase_churn,
    workload::clear_while_writing, workload::shared_keys,      workload::throwing_callbacks,
};

std::string_view name_of(workload kind);
std::optional<workload> workload_named(std::string_view name);

}  // namespace safemap::stress
