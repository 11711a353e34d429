// What the pool's spec (spec.hpp) runs its calls on: a pool, and the leases that its calls hold
// from one call to the next, one place per object. acquire() keeps the lease it gets there and
// answers the leased object (a pool's objects are their own numbers here); release(number) ends
// the lease kept for that object, if any.
// Acquires run together, as they would on the pool alone, but a release waits until none is
// under way: an acquire that the pool has served but that has not yet kept its lease would
// otherwise make a release of that object answer false after the pool had leased it.
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <utility>
#include <vector>

#include <safemap/thread_annotations.hpp>

#include "lease.hpp"

namespace safemap::object_examples::pool {

template <class Pool, std::size_t Size>
class leaseholder {
 public:
  leaseholder() : pool_{numbers()} {}

  std::optional<int> acquire() {
    const shared_lock_guard acquiring{phase_};
    auto got = pool_.try_acquire();
    if (!got) return std::nullopt;
    const int number = **got;
    const lock_guard lock{kept_mutex_};
    // A lease already kept here is a pool's double hand-out: it ends first.
    kept_[static_cast<std::size_t>(number)].emplace(std::move(*got));
    return number;
  }

  bool release(int number) {
    const lock_guard releasing{phase_};
    std::optional<lease<Pool>> ending;
    const lock_guard lock{kept_mutex_};
    auto& kept = kept_[static_cast<std::size_t>(number)];
    if (!kept) return false;
    ending.emplace(std::move(*kept));
    kept.reset();
    return true;
  }

 private:
  static std::vector<int> numbers() {
    std::vector<int> objects(Size);
    for (std::size_t number = 0; number < Size; ++number)
      objects[number] = static_cast<int>(number);
    return objects;
  }

  Pool pool_;
  shared_mutex phase_;  // shared: acquiring; exclusive: releasing
  mutex kept_mutex_ SAFEMAP_ACQUIRED_AFTER(phase_);
  std::array<std::optional<lease<Pool>>, Size> kept_ SAFEMAP_GUARDED_BY(kept_mutex_);
};

}  // namespace safemap::object_examples::pool
