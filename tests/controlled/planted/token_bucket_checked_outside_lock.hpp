// Planted bug: a rate limiter's token bucket that looks for a token before it takes its lock and,
// once it holds the lock, takes one without looking again. Field bug: the "fast path" that
// skips the lock when the bucket is empty, with the check left out of the locked part. Two
// requests that both see the last token both take it: the limiter admits more requests than it
// has tokens. No sanitizer sees it (the count is atomic and every take is under the lock), and a
// test passes unless a second request looks between another's look and its lock. Under
// explore() the exercise's assertion fails.
// Correct twin: correct/token_bucket.hpp
// EXPECT gtest: failure at @CHECK
#pragma once

#include <gtest/gtest.h>

#include <atomic>
#include <mutex>
#include <thread>

namespace safemap::planted {

class token_bucket_checked_outside_lock {
 public:
  explicit token_bucket_checked_outside_lock(int tokens) : tokens_{tokens} {}

  // Takes a token when one is left: whether the request is admitted.
  bool try_acquire() {
    if (tokens_.load() == 0) return false;  // <- BUG: checked before the lock, not again under it
    const std::lock_guard lock{mutex_};
    tokens_.store(tokens_.load() - 1);
    return true;
  }

 private:
  std::mutex mutex_;         // orders the takes
  std::atomic<int> tokens_;  // atomic so that the unlocked look is no data race
};

// Two requests race for a bucket's only token: at most one may be admitted.
template <class Bucket>
void exercise() {
  Bucket bucket{1};
  std::atomic<int> admitted{0};
  const auto request = [&] { admitted += bucket.try_acquire() ? 1 : 0; };
  std::thread first{request};
  std::thread second{request};
  first.join();
  second.join();
  EXPECT_LE(admitted.load(), 1) << "admitted more requests than there were tokens";  // <- CHECK
}

}  // namespace safemap::planted
