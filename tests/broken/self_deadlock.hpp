// safemap::broken::self_deadlock — a bounded cache that evicts by calling its own erase().
//
// BUG: insert_or_assign() holds the lock and, once the cache is over its capacity, evicts an
//   entry by calling erase(), which takes the same (non-recursive) lock again: the thread waits
//   for itself forever, and every other thread then queues behind it (Go's sync.Mutex is not
//   reentrant either: a goroutine that takes a lock it already holds blocks forever).
//   No sanitizer reports it (ThreadSanitizer does not flag re-locking a std::mutex); the
//   watchdog does, with every thread's stack: the first names the second lock (@RELOCK).
// Works locally: a laptop run's few keys never fill the cache, so the eviction never runs.
// Static: erase() is SAFEMAP_EXCLUDES(mutex_) (it locks itself): calling it locked is rejected.
// EXPECT static: while mutex 'mutex_' is held at @BUG
// EXPECT watchdog: deadlock at @RELOCK
// RUN: --workload write_heavy
// EXPECT watchdog under controlled: deadlock at @RELOCK
// RUN(controlled): --workload write_heavy --keys 4096 --ops 3000
//   A controlled schedule sees the second lock of a lock the thread holds and reports it at once;
//   the cache still has to fill first, hence the keys and operations.
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <unordered_map>
#include <utility>

#include <safemap/thread_annotations.hpp>

namespace safemap::broken {

template <class Key, class Value, class Hash = std::hash<Key>, class KeyEqual = std::equal_to<Key>>
class self_deadlock {
 public:
  using key_type = Key;
  using mapped_type = Value;
  using hasher = Hash;
  using key_equal = KeyEqual;

  static constexpr std::size_t capacity = 2048;

  std::optional<Value> find(const Key& key) const {
    safemap::lock_guard lock{mutex_};
    auto found = table_.find(key);
    if (found == table_.end()) return std::nullopt;
    return found->second;
  }
  bool contains(const Key& key) const {
    safemap::lock_guard lock{mutex_};
    return table_.contains(key);
  }
  std::size_t size() const {
    safemap::lock_guard lock{mutex_};
    return table_.size();
  }
  bool empty() const { return size() == 0; }

  bool insert(const Key& key, const Value& value) {
    safemap::lock_guard lock{mutex_};
    return table_.try_emplace(key, value).second;
  }
  bool insert_or_assign(const Key& key, const Value& value) {
    safemap::lock_guard lock{mutex_};
    if (table_.size() >= capacity) erase(table_.begin()->first);  // <- BUG: erase() locks again
    return table_.insert_or_assign(key, value).second;
  }
  bool erase(const Key& key) SAFEMAP_EXCLUDES(mutex_) {
    safemap::lock_guard lock{mutex_};  // <- RELOCK
    return table_.erase(key) > 0;
  }
  void clear() {
    safemap::lock_guard lock{mutex_};
    table_.clear();
  }

  template <class Mutate>
  bool update(const Key& key, Mutate&& mutate) {
    safemap::lock_guard lock{mutex_};
    auto found = table_.find(key);
    if (found == table_.end()) return false;
    std::forward<Mutate>(mutate)(found->second);
    return true;
  }
  template <class Make, class Mutate>
  bool upsert(const Key& key, Make&& make, Mutate&& mutate) {
    safemap::lock_guard lock{mutex_};
    auto [where, added] = table_.try_emplace(key);
    if (added) {
      where->second = std::forward<Make>(make)();
    } else {
      std::forward<Mutate>(mutate)(where->second);
    }
    return added;
  }

  template <class Visit>
  void for_each(Visit&& visit) const {
    safemap::lock_guard lock{mutex_};
    for (const auto& [key, value] : table_) visit(key, value);
  }
  std::unordered_map<Key, Value, Hash, KeyEqual> snapshot() const {
    safemap::lock_guard lock{mutex_};
    return table_;
  }

 private:
  mutable safemap::mutex mutex_;
  std::unordered_map<Key, Value, Hash, KeyEqual> table_ SAFEMAP_GUARDED_BY(mutex_);
};

}  // namespace safemap::broken
