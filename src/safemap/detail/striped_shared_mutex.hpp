// safemap::detail::striped_shared_mutex — a reader-writer lock whose readers do not share a
// cache line: each reader counts itself in its own thread's stripe (detail/thread_stripe.hpp).
//
// Why: std::shared_mutex (pthread_rwlock) keeps its reader count in one word, so every
// lock_shared / unlock_shared is a read-modify-write of a line that the other cores' readers
// also write: on a read-mostly map that line bounces between cores on every lookup, and readers
// slow each other down although they never wait for each other. Here a reader writes only its
// stripe's line, which stays in its core's cache, and reads one flag that changes only when a
// writer comes.
//
// The protocol (Dekker-style, all operations sequentially consistent):
//   reader: increment its stripe, then read writing_; if a writer is in, undo and wait for it.
//   writer: take writer_mutex_ (writers queue there, asleep), set writing_, then wait until
//           every stripe has drained to zero.
//   A reader that counted itself before the writer set writing_ is seen by the writer's scan
//   (the writer waits for it); one that counted itself after sees writing_ and backs off. So a
//   reader and a writer are never inside together. Writers take precedence over newly arriving
//   readers, so a stream of readers cannot starve a writer (a stream of writers can starve
//   readers, as with most writer-preferring locks).
// Under TSan it is plain atomics plus a std::mutex: a reader's release decrement happens-before
//   the writer's load that sees its stripe drained, and the writer's release of writing_
//   happens-before the load of a reader that sees it cleared, so TSan sees every access ordered.
// Cost: lock_shared / unlock_shared: two atomic read-modify-writes of a line private to the
//   thread (in the common case) and one load of a line that is only read. lock: a mutex, a
//   store and one load per stripe (stripe_count lines); unlock: a store and a notify that is a
//   load when no reader waits.
// Meets the standard's SharedMutex requirements used here (lock / unlock / lock_shared /
//   unlock_shared, each unlock by the thread that locked); it is neither copyable nor movable.
#pragma once

#include <array>
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <mutex>
#include <thread>

#include <safemap/detail/thread_stripe.hpp>

namespace safemap::detail {

class striped_shared_mutex {
 public:
  striped_shared_mutex() = default;
  striped_shared_mutex(const striped_shared_mutex&) = delete;
  striped_shared_mutex& operator=(const striped_shared_mutex&) = delete;

  void lock() {
    writer_mutex_.lock();
    writing_.store(1);
    for (const stripe& each : stripes_) {
      while (each.readers.load() != 0) std::this_thread::yield();
    }
  }

  void unlock() {
    writing_.store(0);
    writing_.notify_all();  // wakes readers asleep in lock_shared
    writer_mutex_.unlock();
  }

  void lock_shared() {
    std::atomic<std::int64_t>& mine = my_stripe();
    for (;;) {
      mine.fetch_add(1);
      if (writing_.load() == 0) return;
      mine.fetch_sub(1);  // a writer is in or waiting for readers: let it go first
      writing_.wait(1);
    }
  }

  // Must run on the thread that called lock_shared (std::shared_lock does), which maps to the
  // same stripe.
  void unlock_shared() { my_stripe().fetch_sub(1); }

 private:
  // Eight stripes: distinct lines for up to eight concurrent readers; a writer scans eight lines.
  static constexpr std::size_t stripe_count = 8;

  struct alignas(64) stripe {
    std::atomic<std::int64_t> readers{0};
  };

  std::atomic<std::int64_t>& my_stripe() {
    return stripes_[this_thread_stripe(stripe_count)].readers;
  }

  std::array<stripe, stripe_count> stripes_{};
  alignas(64) std::atomic<int> writing_{0};  // read by every reader: kept off the stripes' lines
  std::mutex writer_mutex_;
};

}  // namespace safemap::detail
