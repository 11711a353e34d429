#include "memory_footprint.hpp"

#include <benchmark/benchmark.h>

#include <string>
#include <utility>
#include <vector>

namespace safemap::bench {
namespace {

std::vector<std::pair<std::string, footprint_probe>>& probes() {
  static std::vector<std::pair<std::string, footprint_probe>> registered;
  return registered;
}

}  // namespace

void register_footprint_probe(const std::string& map_name, footprint_probe probe) {
  probes().emplace_back(map_name, probe);
}

void record_bytes_per_entry(std::span<const std::uint64_t> key_counts) {
  if (!allocations_counted()) {
    benchmark::AddCustomContext("bytes_per_entry",
                                "not measured: a sanitizer build, whose runtime defines operator "
                                "new (allocation_counter.cpp does not replace it there)");
    return;
  }
  for (const auto& [map_name, probe] : probes()) {
    for (const auto keys : key_counts) {
      benchmark::AddCustomContext("bytes_per_entry:" + map_name + "/keys:" + std::to_string(keys),
                                  std::to_string(probe(keys)));
    }
  }
}

}  // namespace safemap::bench
