// safemap::broken::unlocked_iteration — every operation locked except the walk over the map.
//
// BUG: for_each() iterates without the lock: "it only reads, and holding the lock for the whole
//   walk would stall the writers". A write that rehashes or erases during the walk leaves the
//   iterator on freed or moved nodes. Go's "concurrent map iteration and map write" (`for k :=
//   range m` in one goroutine, `m["key"] = 42` in another).
//   ThreadSanitizer may name either side: the walk (@BUG) or the locked write it races with (@PEER).
// Works locally: 2 threads, a short run: the walk rarely meets a rehash.
// Static: the table is SAFEMAP_GUARDED_BY(mutex_), so the analysis rejects the unlocked walk.
// EXPECT static: requires holding mutex 'mutex_' at @BUG
// EXPECT tsan: data race at @BUG|@PEER
// RUN: --workload iterate_while_writing
// EXPECT tsan under controlled: data race at @BUG|@PEER
// RUN(controlled): --workload iterate_while_writing
#pragma once

#include <functional>

#include <safemap/thread_annotations.hpp>

#include "support/locked_unordered_map.hpp"

namespace safemap::broken {

// Every operation of the correct locked map, except for_each; insert, insert_or_assign and
// erase are here only to carry the markers of the race's other side.
template <class Key, class Value, class Hash = std::hash<Key>, class KeyEqual = std::equal_to<Key>>
class unlocked_iteration : public support::locked_unordered_map<Key, Value, Hash, KeyEqual> {
 public:
  bool insert(const Key& key, const Value& value) {
    safemap::lock_guard lock{this->mutex_};
    return this->table_.try_emplace(key, value).second;  // <- PEER
  }
  bool insert_or_assign(const Key& key, const Value& value) {
    safemap::lock_guard lock{this->mutex_};
    return this->table_.insert_or_assign(key, value).second;  // <- PEER
  }
  bool erase(const Key& key) {
    safemap::lock_guard lock{this->mutex_};
    return this->table_.erase(key) > 0;  // <- PEER
  }

  template <class Visit>
  void for_each(Visit&& visit) const {
    for (const auto& [key, value] : this->table_) visit(key, value);  // <- BUG: no lock
  }
};

}  // namespace safemap::broken
