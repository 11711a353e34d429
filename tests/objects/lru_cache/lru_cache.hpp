// A least-recently-used cache of at most `capacity` entries, safe to share between threads.
// Contract: get(key) answers the cached value, or none, and makes the key the most recently used;
// put(key, value) stores the value and makes the key the most recently used; when a new key
// finds the cache full, it first evicts the least recently used key, and answers it (so that
// the caller can release what the evicted entry held). Each call is one critical section, so
// calls take effect in one order: the order in which they took the lock.
#pragma once

#include <cstddef>
#include <list>
#include <optional>
#include <unordered_map>
#include <utility>

#include <safemap/thread_annotations.hpp>

namespace safemap::object_examples::lru_cache {

template <class Key, class Value>
class lru_cache {
 public:
  explicit lru_cache(std::size_t capacity) : capacity_{capacity} {}

  std::optional<Value> get(const Key& key) {
    const lock_guard lock{mutex_};
    const auto found = index_.find(key);
    if (found == index_.end()) return std::nullopt;
    entries_.splice(entries_.begin(), entries_, found->second);
    return found->second->second;
  }

  std::optional<Key> put(const Key& key, Value value) {
    const lock_guard lock{mutex_};
    if (const auto found = index_.find(key); found != index_.end()) {
      found->second->second = std::move(value);
      entries_.splice(entries_.begin(), entries_, found->second);
      return std::nullopt;
    }
    std::optional<Key> evicted;
    if (entries_.size() == capacity_) {
      evicted = std::move(entries_.back().first);
      index_.erase(*evicted);
      entries_.pop_back();
    }
    entries_.emplace_front(key, std::move(value));
    index_.emplace(key, entries_.begin());
    return evicted;
  }

 private:
  using entries = std::list<std::pair<Key, Value>>;

  const std::size_t capacity_;
  mutex mutex_;
  entries entries_ SAFEMAP_GUARDED_BY(mutex_);  // the most recently used first
  std::unordered_map<Key, typename entries::iterator> index_ SAFEMAP_GUARDED_BY(mutex_);
};

}  // namespace safemap::object_examples::lru_cache
