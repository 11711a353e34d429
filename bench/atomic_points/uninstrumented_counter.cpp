#include "uninstrumented_counter.hpp"

namespace safemap::bench::atomic_points {

void count_uninstrumented(std::atomic<std::uint64_t>& counter, std::uint64_t times) {
  for (std::uint64_t time = 0; time < times; ++time)
    counter.fetch_add(1, std::memory_order_relaxed);
}

void count_plain_uninstrumented(volatile std::uint64_t& counter, std::uint64_t times) {
  for (std::uint64_t time = 0; time < times; ++time) counter = counter + 1;
}

}  // namespace safemap::bench::atomic_points
