// Planted bug: a rate limiter whose try_acquire() checks the permits left in one critical section
// and takes them in another. Field bug: the check written with the public available(), the take
// a locked helper of its own. Two requests that both check before either takes are both
// admitted, with more permits than are left: the limiter admits beyond its budget, and the
// permits left go negative.
// Correct twin: ../rate_limiter.hpp
#pragma once

#include <algorithm>

#include <safemap/thread_annotations.hpp>

namespace safemap::object_examples::rate_limiter {

class admits_after_checking_in_another_section {
 public:
  explicit admits_after_checking_in_another_section(int capacity)
      : capacity_{capacity}, available_{capacity} {}

  bool try_acquire(int permits) {
    // BUG: the permits left are checked in one critical section and taken in another; a second
    // request that checks between the two sees the same permits left.
    if (available() < permits) return false;  // <- BUG
    take(permits);                            // <- BUG
    return true;
  }

  void refill(int permits) {
    const lock_guard lock{mutex_};
    available_ = std::min(capacity_, available_ + permits);
  }

  int available() const {
    const lock_guard lock{mutex_};
    return available_;
  }

 private:
  void take(int permits) {
    const lock_guard lock{mutex_};
    available_ -= permits;
  }

  const int capacity_;
  mutable mutex mutex_;
  int available_ SAFEMAP_GUARDED_BY(mutex_);
};

}  // namespace safemap::object_examples::rate_limiter
