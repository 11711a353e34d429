// Planted bug: a sequence lock whose reader waits for an even sequence, reads the fields, and
// returns them without reading the sequence again. Field bug: "the sequence was even, so no write
// was under way" (it was not when the reader looked; one may start before it reads the second
// field). A publish() between the two field reads gives the reader the new bid and the old ask,
// a quote nobody published. Every field is atomic: no data race, ThreadSanitizer is silent; found
// where atomics are scheduling points (docs/objects.md).
// Correct twin: ../seqlock_quote.hpp
// Needs: atomic scheduling points
#pragma once

#include <atomic>

#include "../quote.hpp"
#include "../sequenced_quote.hpp"

namespace safemap::object_examples::seqlock {

class reader_without_recheck : public sequenced_quote {
 public:
  quote read() const {
    while (sequence(std::memory_order_acquire) % 2 != 0) {
    }
    // BUG: nothing tells the reader whether a publish() began between these two reads.
    const int bid_seen = bid();  // <- BUG
    const int ask_seen = ask();  // <- BUG
    return quote{bid_seen, ask_seen};
  }
};

}  // namespace safemap::object_examples::seqlock
