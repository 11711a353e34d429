// phmap::parallel_flat_hash_map_m: compiled in only where parallel-hashmap's headers are in reach
// (CMakeLists.txt checks). Its own translation unit: phmap and gtl both define ::umul128.
#include <cstdint>
#include <string>

#include <parallel_hashmap/phmap.h>

#include "adapters/parallel_hash_map_adapter.hpp"
#include "register_maps.hpp"
#include "run_workload.hpp"

namespace safemap::bench {

void register_phmap_parallel_map(std::span<const workload> loads,
                                 std::span<const int> thread_counts) {
  using map = phmap::parallel_flat_hash_map_m<std::uint64_t, std::uint64_t>;
  register_map<parallel_hash_map_adapter<map>>(
      "phmap::parallel_flat_hash_map_m", map_role::peer, loads, thread_counts,
      {.note = "parallel-hashmap " + std::to_string(PHMAP_VERSION_MAJOR) + "." +
               std::to_string(PHMAP_VERSION_MINOR) + "." + std::to_string(PHMAP_VERSION_PATCH)});
}

}  // namespace safemap::bench
