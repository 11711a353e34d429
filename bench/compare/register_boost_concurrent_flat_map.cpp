// boost::concurrent_flat_map: compiled in only where Boost >= 1.83 is in reach (the system's, or
// one named in SAFEMAP_BENCH_PEER_INCLUDE_DIRS; CMakeLists.txt checks).
#include <boost/version.hpp>

#include "adapters/boost_concurrent_flat_map_adapter.hpp"
#include "register_maps.hpp"
#include "run_workload.hpp"

namespace safemap::bench {

void register_boost_concurrent_flat_map(std::span<const workload> loads,
                                        std::span<const int> thread_counts) {
  register_map<boost_concurrent_flat_map_adapter>("boost::concurrent_flat_map", map_role::peer,
                                                  loads, thread_counts,
                                                  {.note = "Boost " BOOST_LIB_VERSION});
}

}  // namespace safemap::bench
