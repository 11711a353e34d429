// Planted bug: request ids from a counter behind a spin lock whose try_lock loads the flag and,
// when it is clear, stores `true`: two atomic operations where one exchange was needed. Field
// bug: "load first, so a busy lock costs no write" (test-and-test-and-set with the second test
// left out). Two threads that both load `false` before either stores both hold the lock, and
// both read the counter before either writes it back: one id is handed out twice. The counter is
// plain: ThreadSanitizer reports the race; a normal build shows the duplicate id only with
// switches between the flag's load and store and between the counter's read and write, so it is
// found where plain memory accesses are scheduling points (docs/objects.md).
// Correct twin: ../request_ids.hpp
// Needs: memory scheduling points
#pragma once

#include <atomic>
#include <cstdint>
#include <thread>

namespace safemap::object_examples::spin_lock {

class try_lock_loads_then_stores {
 public:
  std::uint64_t next() {
    while (!try_lock()) std::this_thread::yield();
    const std::uint64_t id = next_++;
    locked_.store(false, std::memory_order_release);
    return id;
  }

 private:
  bool try_lock() {
    // BUG: another thread may load `false` as well before this one stores `true`.
    if (locked_.load(std::memory_order_acquire)) return false;  // <- BUG
    locked_.store(true, std::memory_order_relaxed);             // <- BUG
    return true;
  }

  std::atomic<bool> locked_{false};
  std::uint64_t next_ = 0;
};

}  // namespace safemap::object_examples::spin_lock
