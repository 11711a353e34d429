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

#include <safemap/thread_annotations.hpp>

#include "support/locked_unordered_map.hpp"

namespace safemap::broken {

// Every operation of the correct locked map, except insert_or_assign, which evicts, and erase,
// which it calls.
template <class Key, class Value, class Hash = std::hash<Key>, class KeyEqual = std::equal_to<Key>>
class self_deadlock : public support::locked_unordered_map<Key, Value, Hash, KeyEqual> {
 public:
  static constexpr std::size_t capacity = 2048;

  bool insert_or_assign(const Key& key, const Value& value) {
    safemap::lock_guard lock{this->mutex_};
    if (this->table_.size() >= capacity) erase(this->table_.begin()->first);  // <- BUG: erase() locks again
    return this->table_.insert_or_assign(key, value).second;
  }
  bool erase(const Key& key) SAFEMAP_EXCLUDES(this->mutex_) {
    safemap::lock_guard lock{this->mutex_};  // <- RELOCK
    return this->table_.erase(key) > 0;
  }
};

}  // namespace safemap::broken
