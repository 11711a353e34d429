// A test-and-test-and-set spin lock: try_lock is one exchange, so of two threads that find it
// free only one gets it; a waiter reads (and yields) until the lock looks free before it tries
// again, so waiting costs no cache-line ping-pong. Annotated by its user through
// safemap::annotated_mutex, so the compiler checks what it guards.
#pragma once

#include <atomic>
#include <thread>

namespace safemap::object_examples::spin_lock {

class spin_lock {
 public:
  void lock() noexcept {
    while (!try_lock()) {
      while (locked_.load(std::memory_order_relaxed)) std::this_thread::yield();
    }
  }
  bool try_lock() noexcept { return !locked_.exchange(true, std::memory_order_acquire); }
  void unlock() noexcept { locked_.store(false, std::memory_order_release); }

 private:
  std::atomic<bool> locked_{false};
};

}  // namespace safemap::object_examples::spin_lock
