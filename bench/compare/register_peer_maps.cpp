#include <cstdint>
#include <mutex>
#include <shared_mutex>
#include <unordered_map>

#include <boost/unordered/unordered_flat_map.hpp>

#include "adapters/cuckoo_adapter.hpp"
#include "adapters/locked_std_adapter.hpp"
#include "adapters/tbb_adapters.hpp"
#include "adapters/unsynchronized_adapter.hpp"
#include "register_maps.hpp"
#include "run_workload.hpp"

namespace safemap::bench {

void register_peer_maps(std::span<const workload> loads, std::span<const int> thread_counts) {
  register_map<tbb_hash_map_adapter>("tbb::concurrent_hash_map", map_role::peer, loads,
                                     thread_counts);
  register_map<tbb_unordered_map_adapter>("tbb::concurrent_unordered_map", map_role::peer, loads,
                                          thread_counts);
  register_map<cuckoo_adapter>("libcuckoo::cuckoohash_map", map_role::peer, loads, thread_counts);
  register_map<locked_std_adapter<std::mutex>>("std::unordered_map+std::mutex", map_role::peer,
                                               loads, thread_counts);
  register_map<locked_std_adapter<std::shared_mutex>>("std::unordered_map+std::shared_mutex",
                                                      map_role::peer, loads, thread_counts);
  register_map<unsynchronized_adapter<std::unordered_map<std::uint64_t, std::uint64_t>>>(
      "std::unordered_map", map_role::limit, loads, thread_counts);
  register_map<unsynchronized_adapter<boost::unordered_flat_map<std::uint64_t, std::uint64_t>>>(
      "boost::unordered_flat_map", map_role::limit, loads, thread_counts);
}

}  // namespace safemap::bench
