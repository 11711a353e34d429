// Planted bug: an object pool whose try_acquire() finds a free object in one critical section and
// marks it taken in another. Field bug: the search factored out into a helper that takes the lock
// itself. Two callers that both search before either marks get leases on the same object.
// Correct twin: ../object_pool.hpp
#pragma once

#include <algorithm>
#include <cstddef>
#include <optional>
#include <utility>
#include <vector>

#include <safemap/thread_annotations.hpp>

#include "../lease.hpp"

namespace safemap::object_examples::pool {

class claims_slot_found_in_another_section {
 public:
  explicit claims_slot_found_in_another_section(std::vector<int> objects)
      : objects_{std::move(objects)}, taken_(objects_.size(), false) {}

  std::optional<lease<claims_slot_found_in_another_section>> try_acquire() {
    // BUG: the first free object is found in one critical section and marked taken in another;
    // a second caller that searches between the two finds the same object.
    const std::size_t slot = first_free();  // <- BUG
    if (slot == objects_.size()) return std::nullopt;
    const lock_guard lock{mutex_};  // <- BUG
    taken_[slot] = true;
    return std::optional<lease<claims_slot_found_in_another_section>>{std::in_place, *this, slot};
  }

 private:
  friend class lease<claims_slot_found_in_another_section>;

  std::size_t first_free() {
    const lock_guard lock{mutex_};
    return static_cast<std::size_t>(std::ranges::find(taken_, false) - taken_.begin());
  }

  int& object_at(std::size_t slot) { return objects_[slot]; }

  void give_back(std::size_t slot) {
    const lock_guard lock{mutex_};
    taken_[slot] = false;
  }

  std::vector<int> objects_;
  mutex mutex_;
  std::vector<bool> taken_ SAFEMAP_GUARDED_BY(mutex_);
};

}  // namespace safemap::object_examples::pool
