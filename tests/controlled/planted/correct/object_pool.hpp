// An object pool done right, the correct twin of pool_hands_out_twice.hpp: the search for a free
// object and its mark are one critical section.
#pragma once

#include <algorithm>
#include <cstddef>
#include <mutex>
#include <string>
#include <vector>

namespace safemap::planted {

class object_pool {
 public:
  explicit object_pool(std::size_t size) : objects_(size), taken_(size, false) {}

  // A free object, now taken by the caller until release(); nullptr when every one is taken.
  std::string* acquire() {
    const std::lock_guard lock{mutex_};
    const auto free = std::find(taken_.begin(), taken_.end(), false);
    if (free == taken_.end()) return nullptr;
    *free = true;
    return &objects_[static_cast<std::size_t>(free - taken_.begin())];
  }

  void release(const std::string* object) {
    const std::lock_guard lock{mutex_};
    taken_[static_cast<std::size_t>(object - objects_.data())] = false;
  }

 private:
  std::mutex mutex_;
  std::vector<std::string> objects_;
  std::vector<bool> taken_;  // guarded by mutex_
};

}  // namespace safemap::planted
