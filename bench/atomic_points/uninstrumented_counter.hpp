// The baselines of atomic_points.cpp's counter and plain rows: relaxed increments of one atomic,
// and plain (volatile, so each is a load and a store) increments of one word, compiled in
// uninstrumented_counter.cpp without the scheduling-points instrumentation, as every other build
// compiles them.
#pragma once

#include <atomic>
#include <cstdint>

namespace safemap::bench::atomic_points {

void count_uninstrumented(std::atomic<std::uint64_t>& counter, std::uint64_t times);
void count_plain_uninstrumented(volatile std::uint64_t& counter, std::uint64_t times);

}  // namespace safemap::bench::atomic_points
