// safemap::broken::unlocked_reads — writes take the lock, reads do not.
//
// BUG: find() and contains() read the table without the lock: "reads change nothing, and the
//   lock is slow". A read that overlaps a locked write sees a half-written value or a bucket
//   array in the middle of a rehash. Go's "concurrent map read and map write": one request
//   handler updates a session while another reads it; the reads looked safe.
//   The race has two sides, so ThreadSanitizer may name either: the unlocked read (@BUG) or the
//   locked write it races with (@PEER).
// Works locally: 2 threads rarely overlap a read with a write of the same entry.
// Static: the table is SAFEMAP_GUARDED_BY(mutex_), so the analysis rejects the unlocked reads.
// EXPECT static: requires holding mutex 'mutex_' at @BUG
// EXPECT tsan: data race at @BUG|@PEER
// RUN: --workload read_heavy
// EXPECT tsan under controlled: data race at @BUG|@PEER
// RUN(controlled): --workload read_heavy
#pragma once

#include <functional>
#include <optional>

#include <safemap/thread_annotations.hpp>

#include "support/locked_unordered_map.hpp"

namespace safemap::broken {

// Every operation of the correct locked map, except find and contains; insert_or_assign is
// here only to carry the marker of the race's other side.
template <class Key, class Value, class Hash = std::hash<Key>, class KeyEqual = std::equal_to<Key>>
class unlocked_reads : public support::locked_unordered_map<Key, Value, Hash, KeyEqual> {
 public:
  std::optional<Value> find(const Key& key) const {
    auto found = this->table_.find(key);  // <- BUG: no lock
    if (found == this->table_.end()) return std::nullopt;
    return found->second;  // <- BUG: no lock
  }
  bool contains(const Key& key) const { return this->table_.contains(key); }  // <- BUG: no lock

  bool insert_or_assign(const Key& key, const Value& value) {
    safemap::lock_guard lock{this->mutex_};
    return this->table_.insert_or_assign(key, value).second;  // <- PEER
  }
};

}  // namespace safemap::broken
