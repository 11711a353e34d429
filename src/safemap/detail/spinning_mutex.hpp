// safemap::detail::spinning_mutex — a std::mutex that, when taken, retries for a moment before
// it puts the caller to sleep.
//
// Why: optimistic_table's writers hold their shard's lock for a handful of stores, far shorter
//   than a sleep and wake-up in the kernel (microseconds). Under skewed load two writers often
//   want the same hot shard; with a plain std::mutex the second one sleeps, and the readers that
//   give up on optimism after it queue behind it too. Retrying for about as long as a write
//   takes usually gets the lock without sleeping; after spin_attempts it sleeps as usual, so a
//   holder that was descheduled (more threads than cores) costs the waiter a bounded spin.
// Built on std::mutex, so ThreadSanitizer sees every lock and unlock, and no waiter ever spins
//   forever. TSan builds do not spin, though: TSan's deadlock detector records no lock-order
//   edge for a lock taken by try_lock (compiler-rt's MutexPreLock returns early for try-locks,
//   which cannot deadlock), so a spin that usually succeeds would hide lock-order inversions
//   between maps, one of the bugs the tsan preset exists to find.
#pragma once

#include <mutex>

#include <safemap/detail/sanitizer.hpp>
#include <safemap/detail/spin_pause.hpp>
#include <safemap/thread_annotations.hpp>

namespace safemap::detail {

class SAFEMAP_CAPABILITY("mutex") spinning_mutex {
 public:
  void lock() SAFEMAP_ACQUIRE() {
    if constexpr (!thread_sanitizer_build) {
      for (int attempt = 0; attempt < spin_attempts; ++attempt) {
        if (mutex_.try_lock()) return;
        spin_pause();
      }
    }
    mutex_.lock();
  }
  bool try_lock() SAFEMAP_TRY_ACQUIRE(true) { return mutex_.try_lock(); }
  void unlock() SAFEMAP_RELEASE() { mutex_.unlock(); }

 private:
  static constexpr int spin_attempts = 64;

  std::mutex mutex_;  // unannotated: the lock spinning_mutex, a capability itself, wraps
};

}  // namespace safemap::detail
