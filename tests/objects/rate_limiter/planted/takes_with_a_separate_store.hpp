// Planted bug: a lock-free rate limiter whose try_acquire() loads the permits left, checks them
// and stores what remains, instead of one compare-exchange. Field bug: "every access is atomic,
// so it is thread-safe". Two requests that both load before either stores are both admitted,
// with more permits than are left. There is no data race, so ThreadSanitizer is silent; only a
// switch between the load and the store shows it, so it is found where atomics are scheduling
// points (docs/objects.md), and missed elsewhere.
// Correct twin: ../lock_free_rate_limiter.hpp
// Needs: atomic scheduling points
#pragma once

#include <algorithm>
#include <atomic>

namespace safemap::object_examples::rate_limiter {

class takes_with_a_separate_store {
 public:
  explicit takes_with_a_separate_store(int capacity) : capacity_{capacity}, available_{capacity} {}

  bool try_acquire(int permits) {
    // BUG: another request may load the same permits left before this one stores.
    const int seen = available_.load();  // <- BUG
    if (seen < permits) return false;
    available_.store(seen - permits);  // <- BUG
    return true;
  }

  void refill(int permits) {
    int seen = available_.load();
    while (!available_.compare_exchange_weak(seen, std::min(capacity_, seen + permits))) {
    }
  }

  int available() const { return available_.load(); }

 private:
  const int capacity_;
  std::atomic<int> available_;
};

}  // namespace safemap::object_examples::rate_limiter
