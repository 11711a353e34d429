// Planted bug: a bounded blocking queue whose pop reads the front in one critical section and
// removes it in another. Two pops that both read before either removes return the same item, and
// an item is lost.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <mutex>

namespace safemap::object_examples::queue {

class pop_in_two_critical_sections {
 public:
  explicit pop_in_two_critical_sections(std::size_t capacity) : capacity_{capacity} {}

  void push(int value) {
    std::unique_lock lock{mutex_};
    not_full_.wait(lock, [this] { return items_.size() < capacity_; });
    items_.push_back(value);
    not_empty_.notify_one();
  }

  int pop() {
    std::unique_lock lock{mutex_};
    not_empty_.wait(lock, [this] { return !items_.empty(); });
    const int value = items_.front();
    // BUG: the front read above is removed in a second critical section; another pop runs
    // between the two and reads the same front.
    lock.unlock();  // <- BUG
    lock.lock();    // <- BUG
    if (!items_.empty()) items_.pop_front();
    not_full_.notify_one();
    return value;
  }

 private:
  std::mutex mutex_;
  std::condition_variable not_full_;
  std::condition_variable not_empty_;
  std::deque<int> items_;
  std::size_t capacity_;
};

}  // namespace safemap::object_examples::queue
