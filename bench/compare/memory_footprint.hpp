// bench::bytes_per_entry — what a map costs in memory: the heap bytes a fresh map holds after
// it is filled with N keys (allocation_counter.hpp), divided by N. The adapter object itself is
// on the heap too, so a map's inline part (shard array, mutexes) is included.
//
// register_map() records one probe per map; record_bytes_per_entry() runs them all, one map at
// a time on the main thread before any benchmark starts, and writes the figures into the JSON
// context as "bytes_per_entry:<map>/keys:<N>", which report.py turns into a table.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>

#include "adapters/map_adapter.hpp"
#include "allocation_counter.hpp"
#include "workload.hpp"

namespace safemap::bench {

// Optional: footprint_stand_in, the adapter to measure in this one's place, for maps that
// allocate past operator new (oneTBB's tbb_allocator goes to tbbmalloc): the same map with
// std::allocator, so the same requests, sized by glibc instead of tbbmalloc.
template <class Adapter>
struct footprint_of {
  using type = Adapter;
};
template <class Adapter>
  requires requires { typename Adapter::footprint_stand_in; }
struct footprint_of<Adapter> {
  using type = typename Adapter::footprint_stand_in;
};

template <map_adapter Adapter>
double bytes_per_entry(std::uint64_t key_count) {
  using measured = typename footprint_of<Adapter>::type;
  const counted_allocations counted;
  const auto map = std::make_unique<measured>();
  prefill(*map, key_count, initial_state::full);
  return static_cast<double>(counted.live_bytes()) / static_cast<double>(key_count);
}

using footprint_probe = double (*)(std::uint64_t key_count);

void register_footprint_probe(const std::string& map_name, footprint_probe probe);

// Runs every registered probe at each key count (or records why it cannot, in sanitizer builds).
void record_bytes_per_entry(std::span<const std::uint64_t> key_counts);

}  // namespace safemap::bench
