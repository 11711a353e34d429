// The rate limiter of rate_limiter.hpp without a lock: the permits left are one atomic, and a
// request takes them with a compare-exchange that fails, and looks again, when another request
// took or gave back permits since it looked. Same contract; choose it where requests are many
// and short. Its planted twin (planted/takes_with_a_separate_store.hpp) is found only where
// atomics are scheduling points (docs/objects.md).
#pragma once

#include <algorithm>
#include <atomic>

namespace safemap::object_examples::rate_limiter {

class lock_free_rate_limiter {
 public:
  explicit lock_free_rate_limiter(int capacity) : capacity_{capacity}, available_{capacity} {}

  bool try_acquire(int permits) {
    int seen = available_.load();
    do {
      if (seen < permits) return false;
    } while (!available_.compare_exchange_weak(seen, seen - permits));
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
