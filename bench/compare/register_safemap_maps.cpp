#include <cstdint>

#include <safemap/mutex_map.hpp>

#include "adapters/safemap_adapter.hpp"
#include "register_maps.hpp"
#include "run_workload.hpp"

namespace safemap::bench {

void register_safemap_maps(std::span<const workload> loads, std::span<const int> thread_counts) {
  register_map<safemap_adapter<mutex_map<std::uint64_t, std::uint64_t>>>(
      "safemap::mutex_map", map_role::safemap, loads, thread_counts);
}

}  // namespace safemap::bench
