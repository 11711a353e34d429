// The model of lru_cache.hpp: the same contract, for one thread, as a copyable value the checker
// can compare (spec.hpp). A list in recency order is enough at the capacities scenarios use.
#pragma once

#include <algorithm>
#include <cstddef>
#include <list>
#include <optional>
#include <utility>

namespace safemap::object_examples::lru_cache {

class sequential_lru {
 public:
  explicit sequential_lru(std::size_t capacity) : capacity_{capacity} {}

  std::optional<int> get(int key) {
    if (!touch(key)) return std::nullopt;
    return entries_.front().second;
  }

  std::optional<int> put(int key, int value) {
    std::optional<int> evicted;
    if (!touch(key)) {
      if (entries_.size() == capacity_) {
        evicted = entries_.back().first;
        entries_.pop_back();
      }
      entries_.emplace_front(key, value);
    }
    entries_.front().second = value;
    return evicted;
  }

  bool operator==(const sequential_lru&) const = default;

 private:
  // Makes the key the most recently used; false when it is not cached.
  bool touch(int key) {
    const auto found = std::ranges::find(entries_, key, &std::pair<int, int>::first);
    if (found == entries_.end()) return false;
    entries_.splice(entries_.begin(), entries_, found);
    return true;
  }

  std::size_t capacity_;
  std::list<std::pair<int, int>> entries_;  // the most recently used first
};

}  // namespace safemap::object_examples::lru_cache
