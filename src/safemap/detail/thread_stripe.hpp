// safemap::detail::this_thread_stripe — a small per-thread index for striped counters.
//
// Counters that every thread updates (read_epochs' reader counts, striped_shared_mutex's reader
// counts) are split into stripes on separate cache lines; each thread always uses the same
// stripe, so threads on different cores update different lines instead of bouncing one.
// Threads are numbered in the order they first ask, so the first `stripe_count` threads alive at
// once get distinct stripes; later ones share (correct, just contended).
#pragma once

#include <atomic>
#include <cstddef>

namespace safemap::detail {

// The calling thread's stripe in [0, stripe_count); the same on every call from one thread.
inline std::size_t this_thread_stripe(std::size_t stripe_count) {
  static std::atomic<std::size_t> next_thread{0};
  thread_local const std::size_t thread_number = next_thread.fetch_add(1);
  return thread_number % stripe_count;
}

}  // namespace safemap::detail
