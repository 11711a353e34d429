// A quote behind a sequence lock (sequenced_quote.hpp): readers take no lock at all: they read
// the sequence, the fields, and the sequence again, and read again when it changed or was odd (a
// write was under way). Contract: thread-safe; read() returns a quote some publish() stored (or
// the first), never one field of one and one of another; readers never wait for a lock, but
// retry while writes go on; writers take turns. Choose it for a small value read far more often
// than written (market data, statistics); its planted twin (planted/reader_without_recheck.hpp)
// is found only where atomics are scheduling points (docs/objects.md).
#pragma once

#include <atomic>
#include <cstdint>

#include "quote.hpp"
#include "sequenced_quote.hpp"

namespace safemap::object_examples::seqlock {

class seqlock_quote : public sequenced_quote {
 public:
  quote read() const {
    while (true) {
      const std::uint64_t before = sequence(std::memory_order_acquire);
      const quote seen{bid(), ask()};
      std::atomic_thread_fence(std::memory_order_acquire);
      if (before % 2 == 0 && sequence(std::memory_order_relaxed) == before) return seen;
    }
  }
};

}  // namespace safemap::object_examples::seqlock
