// safemap::broken::reference_escapes — references to entries leave the lock.
//
// BUG: for_each() must not call user code under the lock (a callback that calls back into the
//   map would deadlock), so it collects pointers to the entries under the lock, releases it, and
//   visits afterwards. Another thread erases an entry in between, its node is freed, and the
//   visit reads freed memory (@BUG). The same shape as returning `const V&` from a locked getter.
//   A reader that keeps a pointer into the map after the lock is gone follows it to freed memory.
// Works locally: with 2 threads an erase seldom lands inside the walk.
// EXPECT asan: heap-use-after-free at @BUG
// RUN: --workload iterate_while_writing
// EXPECT asan under controlled: heap-use-after-free at @BUG
// RUN(controlled): --workload iterate_while_writing
#pragma once

#include <functional>
#include <utility>
#include <vector>

#include <safemap/thread_annotations.hpp>

#include "support/locked_unordered_map.hpp"

namespace safemap::broken {

// Every operation of the correct locked map, except for_each.
template <class Key, class Value, class Hash = std::hash<Key>, class KeyEqual = std::equal_to<Key>>
class reference_escapes : public support::locked_unordered_map<Key, Value, Hash, KeyEqual> {
 public:
  template <class Visit>
  void for_each(Visit&& visit) const {
    for (const auto* entry : entries()) {
      const auto [key, value] = *entry;  // <- BUG: the entry may have been erased since
      visit(key, value);
    }
  }

 private:
  // Pointers into the table, valid only while the lock is held — and it is released at return.
  std::vector<const std::pair<const Key, Value>*> entries() const {
    safemap::lock_guard lock{this->mutex_};
    std::vector<const std::pair<const Key, Value>*> all;
    all.reserve(this->table_.size());
    for (const auto& entry : this->table_) all.push_back(&entry);
    return all;
  }
};

}  // namespace safemap::broken
