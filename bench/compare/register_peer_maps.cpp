#include <cstdint>
#include <mutex>
#include <shared_mutex>
#include <unordered_map>

#include <boost/unordered/unordered_flat_map.hpp>
#include <boost/version.hpp>

#include "adapters/cuckoo_adapter.hpp"
#include "adapters/locked_std_adapter.hpp"
#include "adapters/tbb_adapters.hpp"
#include "adapters/unsynchronized_adapter.hpp"
#include "register_maps.hpp"
#include "run_workload.hpp"

namespace safemap::bench {

void register_peer_maps(std::span<const workload> loads, std::span<const int> thread_counts) {
  register_map<tbb_hash_map_adapter<>>("tbb::concurrent_hash_map", map_role::peer, loads,
                                       thread_counts);
  register_map<tbb_unordered_map_adapter<>>("tbb::concurrent_unordered_map", map_role::peer, loads,
                                            thread_counts);
  register_map<cuckoo_adapter>("libcuckoo::cuckoohash_map", map_role::peer, loads, thread_counts);
  register_map<locked_std_adapter<std::mutex>>("std::unordered_map+std::mutex", map_role::peer,
                                               loads, thread_counts);
  register_map<locked_std_adapter<std::shared_mutex>>("std::unordered_map+std::shared_mutex",
                                                      map_role::peer, loads, thread_counts);
  register_map<unsynchronized_adapter<std::unordered_map<std::uint64_t, std::uint64_t>>>(
      "std::unordered_map", map_role::limit, loads, thread_counts);
  // The version matters: SAFEMAP_BENCH_PEER_INCLUDE_DIRS may put a newer Boost.Unordered ahead
  // of the system's, and then the limit comes from it too.
  register_map<unsynchronized_adapter<boost::unordered_flat_map<std::uint64_t, std::uint64_t>>>(
      "boost::unordered_flat_map", map_role::limit, loads, thread_counts,
      {.note = "Boost " BOOST_LIB_VERSION});
#if SAFEMAP_BENCH_BOOST_CONCURRENT_FLAT_MAP
  register_boost_concurrent_flat_map(loads, thread_counts);
#else
  report_skipped_peer("boost::concurrent_flat_map",
                      "boost/unordered/concurrent_flat_map.hpp (Boost >= 1.83) not found");
#endif
#if SAFEMAP_BENCH_PHMAP
  register_phmap_parallel_map(loads, thread_counts);
#else
  report_skipped_peer("phmap::parallel_flat_hash_map_m",
                      "parallel_hashmap/phmap.h (with parallel_flat_hash_map_m) not found");
#endif
#if SAFEMAP_BENCH_GTL
  register_gtl_parallel_map(loads, thread_counts);
#else
  report_skipped_peer("gtl::parallel_flat_hash_map_m", "gtl/phmap.hpp not found");
#endif
}

}  // namespace safemap::bench
