// safemap::detail::read_epochs — lets a writer wait until every reader that might still hold a
// pointer it has just unpublished has finished (an RCU "grace period"), without readers ever
// taking a lock. read_mostly_map uses it to free replaced tables safely.
//
// The scheme (user-space RCU with a global epoch, as in liburcu's "memb" flavour):
//   * epoch_ counts grace periods; its parity (epoch & 1) names one of two reader counters.
//   * A reader registers in the counter of the epoch it saw, then re-reads the epoch; if it
//     changed, a writer flipped in between, so it unregisters and retries (the writer made
//     progress, so readers are lock-free, not wait-free). Once registered it loads the published
//     pointer and may use it until it leaves.
//   * A writer (writers are serialised by their caller) first swaps in the new pointer, then
//     flips the epoch, then waits until the counter of the old parity drains to zero. A reader
//     that registered under the new parity re-read the epoch after the flip, so it loads the
//     pointer after the swap and cannot see the old one; every reader that could see it is
//     counted under the old parity. After the wait the old pointer has no readers: free it.
//   All operations are sequentially consistent, which is what the argument above assumes; on
//   x86-64 that costs a locked add per reader entry and exit, the same as a mutex acquire but
//   without ever waiting.
//   Counters are striped over cache lines (each thread uses one stripe), so readers on
//   different cores do not contend on one line; the writer sums the stripes.
// Under TSan and ASan the scheme is visible as plain atomics: the reader's exit (a release
//   RMW) happens-before the writer's load that sees the count drain, so the free is ordered
//   after every read of the old table.
#pragma once

#include <array>
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <thread>

#include <safemap/detail/thread_stripe.hpp>

namespace safemap::detail {

class read_epochs {
 public:
  // RAII read-side critical section: while it lives, pointers loaded from the structure the
  // epochs protect stay valid.
  class section {
   public:
    explicit section(std::atomic<std::int64_t>& readers) : readers_{&readers} {}
    ~section() { readers_->fetch_sub(1); }
    section(const section&) = delete;
    section& operator=(const section&) = delete;

   private:
    std::atomic<std::int64_t>* readers_;
  };

  [[nodiscard]] section enter() {
    stripe& mine = stripes_[this_thread_stripe(stripe_count)];
    for (;;) {
      const std::uint64_t epoch = epoch_.load();
      std::atomic<std::int64_t>& readers = mine.readers[epoch & 1];
      readers.fetch_add(1);
      if (epoch_.load() == epoch) return section{readers};
      readers.fetch_sub(1);
    }
  }

  // Call after unpublishing a pointer; returns once no reader can still be using it.
  // Callers must serialise calls to this (read_mostly_map holds its writer mutex).
  void wait_for_readers() {
    const std::uint64_t old_epoch = epoch_.load();
    epoch_.store(old_epoch + 1);
    while (readers_in(old_epoch & 1) != 0) std::this_thread::yield();
  }

 private:
  static constexpr std::size_t stripe_count = 16;

  struct alignas(64) stripe {
    std::array<std::atomic<std::int64_t>, 2> readers{};
  };

  std::int64_t readers_in(std::size_t parity) const {
    std::int64_t total = 0;
    for (const stripe& each : stripes_) total += each.readers[parity].load();
    return total;
  }

  std::atomic<std::uint64_t> epoch_{0};
  std::array<stripe, stripe_count> stripes_{};
};

}  // namespace safemap::detail
