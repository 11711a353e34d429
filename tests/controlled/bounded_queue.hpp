// A bounded blocking queue done right, the correct twin of lost_wakeup_queue.hpp: one condition
// variable per predicate, so a notify_one always wakes a thread that waits for what changed.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <mutex>

namespace safemap::controlled_examples {

template <class T>
class bounded_queue {
 public:
  explicit bounded_queue(std::size_t capacity) : capacity_{capacity} {}

  void push(T value) {
    std::unique_lock lock{mutex_};
    not_full_.wait(lock, [this] { return items_.size() < capacity_; });
    items_.push_back(std::move(value));
    not_empty_.notify_one();
  }

  T pop() {
    std::unique_lock lock{mutex_};
    not_empty_.wait(lock, [this] { return !items_.empty(); });
    T value = std::move(items_.front());
    items_.pop_front();
    not_full_.notify_one();
    return value;
  }

 private:
  std::mutex mutex_;
  std::condition_variable not_full_;
  std::condition_variable not_empty_;
  std::deque<T> items_;
  std::size_t capacity_;
};

}  // namespace safemap::controlled_examples
