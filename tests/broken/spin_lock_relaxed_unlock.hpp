// safemap::broken::spin_lock_relaxed_unlock — the fork path's planted bug (docs/fork.md, step
// 4), planted in the worked example's own component, example::spinlock_map.
//
// BUG: the spin lock's unlock() stores `false` with memory_order_relaxed: "it is only a flag,
//   and x86 is strongly ordered anyway". A relaxed store releases nothing, so the next owner's
//   reads of the table are not ordered after the last owner's writes: the compiler may sink
//   table writes below the unlock, and ARM servers reorder them in hardware. Hand-rolled spin
//   locks with a relaxed or missing release are a classic finding of code review; like a
//   lazily-initialised cache map without a lock, every local test passes and production races.
// Works locally: on an x86 laptop the store is a plain mov and every run passes.
// Where it shows: no stack ever contains unlock(). ThreadSanitizer reports the table accesses the
//   lock failed to order, which are in the library code it guards, so the expectation names
//   that folder rather than a marker here.
// EXPECT tsan: data race at src/safemap/
// RUN: --workload write_heavy
// EXPECT tsan under controlled: data race at src/safemap/
// RUN(controlled): --workload write_heavy
#pragma once

#include <atomic>
#include <functional>
#include <thread>

#include <safemap/locked_map.hpp>

namespace safemap::broken {

class relaxed_unlock_spin_lock {
 public:
  void lock() noexcept {
    while (!try_lock()) std::this_thread::yield();
  }
  bool try_lock() noexcept { return !locked_.exchange(true, std::memory_order_acquire); }
  void unlock() noexcept { locked_.store(false, std::memory_order_relaxed); }  // <- BUG

 private:
  std::atomic<bool> locked_{false};
};

template <class Key, class Value, class Hash = std::hash<Key>, class KeyEqual = std::equal_to<Key>>
using spin_lock_relaxed_unlock =
    safemap::locked_map<Key, Value, Hash, KeyEqual, relaxed_unlock_spin_lock>;

}  // namespace safemap::broken
