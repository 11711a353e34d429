// Planted bug: an object pool (of reusable buffers here; connections in the field) whose
// acquire() finds a free object in one critical section and marks it taken in another. Field
// bug: the search factored out into a helper that takes the lock itself. Two threads that both
// find the same object free before either marks it both get it, and write into one buffer. No
// sanitizer sees it (every access is under the lock), and a test passes unless a second thread
// searches between another's search and its mark. Under explore() the exercise's assertion fails.
// Correct twin: correct/object_pool.hpp
// EXPECT gtest: failure at @CHECK
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <cstddef>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace safemap::planted {

class pool_hands_out_twice {
 public:
  explicit pool_hands_out_twice(std::size_t size) : objects_(size), taken_(size, false) {}

  // A free object, now taken by the caller until release(); nullptr when every one is taken.
  std::string* acquire() {
    const std::size_t slot = find_free();
    if (slot == taken_.size()) return nullptr;
    const std::lock_guard lock{mutex_};
    taken_[slot] = true;  // <- BUG: marks what another critical section found free
    return &objects_[slot];
  }

  void release(const std::string* object) {
    const std::lock_guard lock{mutex_};
    taken_[static_cast<std::size_t>(object - objects_.data())] = false;
  }

 private:
  std::size_t find_free() {
    const std::lock_guard lock{mutex_};
    return static_cast<std::size_t>(std::find(taken_.begin(), taken_.end(), false) -
                                    taken_.begin());
  }

  std::mutex mutex_;
  std::vector<std::string> objects_;
  std::vector<bool> taken_;  // guarded by mutex_
};

// Two threads each take an object from a pool of two: they must get different ones.
template <class Pool>
void exercise() {
  Pool pool{2};
  std::string* first_object = nullptr;
  std::string* second_object = nullptr;
  std::thread first{[&] { first_object = pool.acquire(); }};
  std::thread second{[&] { second_object = pool.acquire(); }};
  first.join();
  second.join();
  EXPECT_NE(first_object, second_object) << "one object handed out twice";  // <- CHECK
  pool.release(first_object);
  if (second_object != first_object) pool.release(second_object);
}

}  // namespace safemap::planted
