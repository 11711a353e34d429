// A rate limiter without a clock of its own: a budget of permits that requests spend and a timer
// (or a finished request) gives back. Contract: try_acquire(n) admits a request of cost n, and
// takes n permits, only when n are left; refill(n) gives n permits back, never beyond the
// capacity; available() answers the permits left. Each call is one critical section, so the
// limiter never admits more than its budget, however many threads ask at once.
#pragma once

#include <algorithm>

#include <safemap/thread_annotations.hpp>

namespace safemap::object_examples::rate_limiter {

class rate_limiter {
 public:
  explicit rate_limiter(int capacity) : capacity_{capacity}, available_{capacity} {}

  bool try_acquire(int permits) {
    const lock_guard lock{mutex_};
    if (available_ < permits) return false;
    available_ -= permits;
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
  const int capacity_;
  mutable mutex mutex_;
  int available_ SAFEMAP_GUARDED_BY(mutex_);
};

}  // namespace safemap::object_examples::rate_limiter
