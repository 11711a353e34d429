// The maps in the comparison, one registration function per group (one translation unit each,
// so the heavy peer headers compile in parallel with the rest).
#pragma once

#include <span>

#include "workload.hpp"

namespace safemap::bench {

// safemap's own variants; built in every preset (the sanitizer presets measure harness cost).
void register_safemap_maps(std::span<const workload> loads, std::span<const int> thread_counts);

// The peers a C++ user would pick instead, and the single-threaded limits. Built only when
// SAFEMAP_BENCH_PEERS is on (the normal presets, with oneTBB, libcuckoo and Boost installed).
void register_peer_maps(std::span<const workload> loads, std::span<const int> thread_counts);

// The peers compiled in only where their headers are found (CMakeLists.txt checks each one, and
// sets SAFEMAP_BENCH_BOOST_CONCURRENT_FLAT_MAP, SAFEMAP_BENCH_PHMAP, SAFEMAP_BENCH_GTL);
// register_peer_maps() registers those this build has and reports the others as skipped.
void register_boost_concurrent_flat_map(std::span<const workload> loads,
                                        std::span<const int> thread_counts);
void register_phmap_parallel_map(std::span<const workload> loads,
                                 std::span<const int> thread_counts);
void register_gtl_parallel_map(std::span<const workload> loads, std::span<const int> thread_counts);

}  // namespace safemap::bench
