// What seqlock_quote.hpp and its planted twin share, which differ only in how a reader reads: the
// write side of a sequence lock over a quote. Writers take turns on a mutex and make the sequence
// odd while they write the fields; the fields are relaxed atomics (a reader may read them while a
// writer writes: no data race), ordered by the fences and the sequence's release store.
#pragma once

#include <atomic>
#include <cstdint>

#include <safemap/thread_annotations.hpp>

#include "quote.hpp"

namespace safemap::object_examples::seqlock {

class sequenced_quote {
 public:
  void publish(quote fresh) {
    const lock_guard lock{writing_};
    const std::uint64_t sequence = sequence_.load(std::memory_order_relaxed);
    sequence_.store(sequence + 1, std::memory_order_relaxed);
    std::atomic_thread_fence(std::memory_order_release);
    bid_.store(fresh.bid, std::memory_order_relaxed);
    ask_.store(fresh.ask, std::memory_order_relaxed);
    sequence_.store(sequence + 2, std::memory_order_release);
  }

 protected:
  std::uint64_t sequence(std::memory_order order) const { return sequence_.load(order); }
  int bid() const { return bid_.load(std::memory_order_relaxed); }
  int ask() const { return ask_.load(std::memory_order_relaxed); }

 private:
  mutex writing_;
  std::atomic<std::uint64_t> sequence_{0};  // odd while a publish() writes
  std::atomic<int> bid_{0};
  std::atomic<int> ask_{0};
};

}  // namespace safemap::object_examples::seqlock
