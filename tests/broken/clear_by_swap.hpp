// safemap::broken::clear_by_swap — clear() swaps in an empty table without the lock.
//
// BUG: "swapping is just exchanging three pointers, it is atomic enough", so clear() swaps the
//   table with an empty one outside the lock. The swap races with every locked operation, and
//   the old nodes are freed while other threads still walk them. A correct reset replaces the
//   table under the lock (in Go: reassigning the map variable under the mutex); here the lock
//   was left out. ThreadSanitizer may name the swap (@BUG) or the locked operation it races with
//   (@PEER).
// Works locally: clears are rare in a laptop test, and 2 threads seldom overlap one.
// Static: the table is SAFEMAP_GUARDED_BY(mutex_), so the analysis rejects the unlocked swap.
// EXPECT static: requires holding mutex 'mutex_' at @BUG
// EXPECT tsan: data race at @BUG|@PEER
// RUN: --workload clear_while_writing
// EXPECT tsan under controlled: data race at @BUG|@PEER
// RUN(controlled): --workload clear_while_writing
#pragma once

#include <functional>
#include <optional>
#include <unordered_map>

#include <safemap/thread_annotations.hpp>

#include "support/locked_unordered_map.hpp"

namespace safemap::broken {

// Every operation of the correct locked map, except clear; find and insert_or_assign are here
// only to carry the markers of the race's other side.
template <class Key, class Value, class Hash = std::hash<Key>, class KeyEqual = std::equal_to<Key>>
class clear_by_swap : public support::locked_unordered_map<Key, Value, Hash, KeyEqual> {
 public:
  std::optional<Value> find(const Key& key) const {
    safemap::lock_guard lock{this->mutex_};
    auto found = this->table_.find(key);  // <- PEER
    if (found == this->table_.end()) return std::nullopt;
    return found->second;  // <- PEER
  }
  bool insert_or_assign(const Key& key, const Value& value) {
    safemap::lock_guard lock{this->mutex_};
    return this->table_.insert_or_assign(key, value).second;  // <- PEER
  }
  void clear() {
    std::unordered_map<Key, Value, Hash, KeyEqual> empty_table;
    this->table_.swap(empty_table);  // <- BUG: no lock
  }  // <- BUG: the old nodes are freed here, still without the lock
};

}  // namespace safemap::broken
