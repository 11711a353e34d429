// Planted bug: a bounded blocking queue whose producers and consumers share one condition
// variable and wake it with notify_one. A push may wake another producer instead of the
// consumer waiting for an item (or a pop another consumer): the woken thread waits again, the
// one that could go on is never woken, and with every thread waiting the program hangs. TSan
// has nothing to report (every access is under the mutex); a test passes unless two producers
// and two consumers meet in just that order. Under explore() it is a deadlock naming the
// condition variable, located where a thread waits on it.
// Correct twin: bounded_queue.hpp (a condition variable per predicate).
// EXPECT watchdog: deadlock at @WAITS
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <mutex>

namespace safemap::controlled_examples {

template <class T>
class lost_wakeup_queue {
 public:
  explicit lost_wakeup_queue(std::size_t capacity) : capacity_{capacity} {}

  void push(T value) {
    std::unique_lock lock{mutex_};
    changed_.wait(lock, [this] { return items_.size() < capacity_; });  // <- WAITS
    items_.push_back(std::move(value));
    changed_.notify_one();  // <- BUG: may wake a producer, not the consumer that waits
  }

  T pop() {
    std::unique_lock lock{mutex_};
    changed_.wait(lock, [this] { return !items_.empty(); });  // <- WAITS
    T value = std::move(items_.front());
    items_.pop_front();
    changed_.notify_one();  // <- BUG: may wake a consumer, not the producer that waits
    return value;
  }

 private:
  std::mutex mutex_;
  std::condition_variable changed_;  // both "not full" and "not empty"
  std::deque<T> items_;
  std::size_t capacity_;
};

}  // namespace safemap::controlled_examples
