// example::spinlock_map — the worked example of the fork path (docs/fork.md): a team's own
// component put under the safemap harness by exactly the documented steps (this header, plus one
// safemap_add_variant() line in tests/stress/CMakeLists.txt). Nothing else was edited for it.
//
// The component: a latency-sensitive team replaces std::mutex by a test-and-test-and-set spin
// lock inside safemap::locked_map, which takes any Lockable type.
// Thread safety: every operation holds the spin lock; acquire on lock, release on unlock give
//   the same happens-before as a mutex. Exception safety and complexity: locked_map's.
// Choose it: short critical sections on few cores where a futex sleep costs more than spinning;
//   never when callbacks (update, for_each) can run long, because waiters burn a core.
#pragma once

#include <atomic>
#include <functional>
#include <thread>

#include <safemap/locked_map.hpp>

namespace example {

class spin_lock {
 public:
  void lock() noexcept {
    while (locked_.exchange(true, std::memory_order_acquire)) {
      while (locked_.load(std::memory_order_relaxed)) std::this_thread::yield();
    }
  }
  bool try_lock() noexcept { return !locked_.exchange(true, std::memory_order_acquire); }
  void unlock() noexcept { locked_.store(false, std::memory_order_release); }

 private:
  std::atomic<bool> locked_{false};
};

template <class Key, class Value, class Hash = std::hash<Key>, class KeyEqual = std::equal_to<Key>>
using spinlock_map = safemap::locked_map<Key, Value, Hash, KeyEqual, spin_lock>;

}  // namespace example
