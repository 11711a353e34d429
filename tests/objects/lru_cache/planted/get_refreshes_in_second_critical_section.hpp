// Planted bug: an LRU cache whose get() reads the value in one critical section and refreshes
// the key's recency in another. Field bug: the lookup and the refresh factored out into two
// helpers that each take the lock (or the read moved under a reader lock, the refresh under the
// writer's).
// A put that evicts between the two evicts the key the get has just used, as if the get had not
// happened: no order of the two calls gives both the get's value and that eviction.
// Correct twin: ../lru_cache.hpp
#pragma once

#include <cstddef>
#include <list>
#include <optional>
#include <unordered_map>
#include <utility>

#include <safemap/thread_annotations.hpp>

namespace safemap::object_examples::lru_cache {

class get_refreshes_in_second_critical_section {
 public:
  explicit get_refreshes_in_second_critical_section(std::size_t capacity) : capacity_{capacity} {}

  std::optional<int> get(int key) {
    // BUG: the value is read in one critical section and the key made the most recently used in
    // another; a put between the two evicts the key this get has just used.
    const std::optional<int> value = cached(key);  // <- BUG
    if (value) touch(key);                         // <- BUG
    return value;
  }

  std::optional<int> put(int key, int value) {
    const lock_guard lock{mutex_};
    if (const auto found = index_.find(key); found != index_.end()) {
      found->second->second = value;
      entries_.splice(entries_.begin(), entries_, found->second);
      return std::nullopt;
    }
    std::optional<int> evicted;
    if (entries_.size() == capacity_) {
      evicted = entries_.back().first;
      index_.erase(*evicted);
      entries_.pop_back();
    }
    entries_.emplace_front(key, value);
    index_.emplace(key, entries_.begin());
    return evicted;
  }

 private:
  using entries = std::list<std::pair<int, int>>;

  std::optional<int> cached(int key) {
    const lock_guard lock{mutex_};
    const auto found = index_.find(key);
    if (found == index_.end()) return std::nullopt;
    return found->second->second;
  }

  // Looks the key up again: it may have been evicted since the caller looked.
  void touch(int key) {
    const lock_guard lock{mutex_};
    if (const auto found = index_.find(key); found != index_.end()) {
      entries_.splice(entries_.begin(), entries_, found->second);
    }
  }

  const std::size_t capacity_;
  mutex mutex_;
  entries entries_ SAFEMAP_GUARDED_BY(mutex_);  // the most recently used first
  std::unordered_map<int, entries::iterator> index_ SAFEMAP_GUARDED_BY(mutex_);
};

}  // namespace safemap::object_examples::lru_cache
