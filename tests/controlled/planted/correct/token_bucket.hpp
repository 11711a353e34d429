// A token bucket done right, the correct twin of token_bucket_checked_outside_lock.hpp: the look
// for a token and its take are one critical section.
#pragma once

#include <mutex>

namespace safemap::planted {

class token_bucket {
 public:
  explicit token_bucket(int tokens) : tokens_{tokens} {}

  // Takes a token when one is left: whether the request is admitted.
  bool try_acquire() {
    const std::lock_guard lock{mutex_};
    if (tokens_ == 0) return false;
    --tokens_;
    return true;
  }

 private:
  std::mutex mutex_;
  int tokens_;  // guarded by mutex_
};

}  // namespace safemap::planted
