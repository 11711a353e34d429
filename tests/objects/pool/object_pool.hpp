// A fixed set of reusable objects (connections, buffers) handed out to one caller at a time.
// Contract: try_acquire() answers a lease (lease.hpp) on the first free object, or none when
// every object is leased; the object is free again once its lease ends. The first free, not any
// free one: a lightly used pool keeps reusing the same few objects, which stay warm. Finding the
// free object and marking it taken are one critical section, so no object is leased twice.
#pragma once

#include <algorithm>
#include <cstddef>
#include <optional>
#include <utility>
#include <vector>

#include <safemap/thread_annotations.hpp>

#include "lease.hpp"

namespace safemap::object_examples::pool {

template <class T>
class object_pool {
 public:
  explicit object_pool(std::vector<T> objects)
      : objects_{std::move(objects)}, taken_(objects_.size(), false) {}

  std::optional<lease<object_pool>> try_acquire() {
    const lock_guard lock{mutex_};
    const auto free = std::ranges::find(taken_, false);
    if (free == taken_.end()) return std::nullopt;
    *free = true;
    return std::optional<lease<object_pool>>{std::in_place, *this,
                                             static_cast<std::size_t>(free - taken_.begin())};
  }

 private:
  friend class lease<object_pool>;

  // Its lease's holder alone uses the object while the lease lasts: no lock.
  T& object_at(std::size_t slot) { return objects_[slot]; }

  void give_back(std::size_t slot) {
    const lock_guard lock{mutex_};
    taken_[slot] = false;
  }

  std::vector<T> objects_;
  mutex mutex_;
  std::vector<bool> taken_ SAFEMAP_GUARDED_BY(mutex_);
};

}  // namespace safemap::object_examples::pool
