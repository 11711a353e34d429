// segment_barrier: all workers stop, one of them runs a step alone (checking what they did),
// then all start again together. Like std::barrier with a completion step, but built for the
// restart: when every worker has a core of its own, waiters spin, so that the next segment
// begins on all of them within a cache-line transfer of each other (a waiter woken from a
// futex starts tens of microseconds late, long after a fast map's whole segment is over, and
// nothing would overlap). With more workers than cores a spinning waiter would only keep the
// others from finishing their segment, so waiters sleep at once.
// The step's writes happen before every worker's next segment (release / acquire on the
// generation), and every worker's segment happens before the step (acquire-release arrivals).
// Under a controlled schedule a waiter neither spins nor sleeps: it waits in the scheduler,
// which runs the others meanwhile.
#pragma once

#include <atomic>
#include <cstdint>
#include <thread>

#include <safemap/detail/spin_pause.hpp>

#include "stress/schedule/scheduler.hpp"

namespace safemap::stress {

class segment_barrier {
 public:
  explicit segment_barrier(unsigned workers)
      : workers_{workers}, spin_{workers <= std::thread::hardware_concurrency()} {}

  template <class Step>
  void arrive_and_wait(Step&& step) {
    const std::uint32_t generation = generation_.load(std::memory_order_acquire);
    if (arrived_.fetch_add(1, std::memory_order_acq_rel) + 1 == workers_) {
      step();
      arrived_.store(0, std::memory_order_relaxed);
      generation_.store(generation + 1, std::memory_order_release);
      generation_.notify_all();
      return;
    }
    const auto released = [&] { return generation_.load(std::memory_order_acquire) != generation; };
    if (schedule::wait_until(released)) {
      // The scheduler's wait is invisible to ThreadSanitizer: acquire the step's writes here.
      (void)generation_.load(std::memory_order_acquire);
      return;
    }
    for (unsigned tries = 0; spin_ && tries < patience; ++tries) {
      if (generation_.load(std::memory_order_acquire) != generation) return;
      safemap::detail::spin_pause();
    }
    while (generation_.load(std::memory_order_acquire) == generation) {
      generation_.wait(generation, std::memory_order_acquire);
    }
  }

 private:
  static constexpr unsigned patience = 1u << 14;

  const unsigned workers_;
  const bool spin_;
  alignas(64) std::atomic<unsigned> arrived_{0};
  alignas(64) std::atomic<std::uint32_t> generation_{0};
};

}  // namespace safemap::stress
