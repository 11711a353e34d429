#include <cstdint>

#include <safemap/frozen_map.hpp>
#include <safemap/mutex_map.hpp>
#include <safemap/owner_thread_map.hpp>
#include <safemap/read_mostly_map.hpp>
#include <safemap/sharded_map.hpp>
#include <safemap/shared_mutex_map.hpp>

#include "adapters/safemap_adapter.hpp"
#include "register_maps.hpp"
#include "run_workload.hpp"

namespace safemap::bench {
namespace {

// owner_thread_map answers through a queue and two context switches per operation
// (microseconds): it replays 1/1000 of each stream so a measurement takes milliseconds.
template <class Map>
struct owner_thread_adapter : safemap_adapter<Map> {
  static constexpr std::uint64_t ops_divisor = 1000;
};

}  // namespace

void register_safemap_maps(std::span<const workload> loads, std::span<const int> thread_counts) {
  using key = std::uint64_t;
  using value = std::uint64_t;
  register_map<safemap_adapter<mutex_map<key, value>>>("safemap::mutex_map", map_role::safemap,
                                                       loads, thread_counts);
  register_map<safemap_adapter<shared_mutex_map<key, value>>>(
      "safemap::shared_mutex_map", map_role::safemap, loads, thread_counts);
  register_map<safemap_adapter<sharded_map<key, value>>>("safemap::sharded_map", map_role::safemap,
                                                         loads, thread_counts);
  register_map<safemap_adapter<read_mostly_map<key, value>>>(
      "safemap::read_mostly_map", map_role::safemap, loads, thread_counts,
      {.read_only_workloads_only = true,
       .note = "copy-on-write: every write copies the whole table (O(n)), so it runs the "
               "read-only workload only (1% writes on 10^4 keys would take minutes); "
               "prefilled by construction from a table"});
  register_map<safemap_adapter<frozen_map<key, value>>>(
      "safemap::frozen_map", map_role::safemap, loads, thread_counts,
      {.read_only_workloads_only = true,
       .note = "immutable after construction: read-only workload only"});
  register_map<owner_thread_adapter<owner_thread_map<key, value>>>(
      "safemap::owner_thread_map", map_role::safemap, loads, thread_counts,
      {.read_only_workloads_only = false,
       .note = "every operation is a request to the owner thread (microseconds): replays 1/1000 "
               "of each stream"});
}

}  // namespace safemap::bench
