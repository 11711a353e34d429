// safemap::broken::check_then_insert — put-if-absent as "contains, then assign".
//
// BUG: insert() asks contains() and, when the key is absent, calls insert_or_assign(): two
//   locked calls, not one. Two threads inserting the same absent key both see it absent, both
//   assign, both return true, and the first value is silently replaced. This is Java's
//   `if (!map.containsKey(k)) map.put(k, v)` on a ConcurrentHashMap, the check-then-act that
//   putIfAbsent and computeIfAbsent exist to replace; studies of real applications found it
//   among the most common atomicity violations of concurrent collections (Shacham et al.,
//   "Testing atomicity of composed concurrent operations", OOPSLA 2011). Typical victims:
//   get-or-create of sessions, connections, per-key locks ("created twice").
//   Only two threads on the same key at the same moment show it, which no ownership workload
//   ever arranges.
// Works locally: a laptop test rarely inserts one key from two threads at the same instant.
// Fails locally: the linearizability oracle (workload shared_keys) starts every segment with all
//   threads on one key, insert against insert among the collisions, so a 2-thread normal run
//   finds it too, most of the time.
// EXPECT linearizability: linearizability violation at @OPERATION
// RUN: --workload shared_keys --ops 100000000
// EXPECT linearizability under controlled: linearizability violation at @OPERATION
// RUN(controlled): --workload shared_keys
//   Under a PCT schedule the window is not luck: one priority change between the check and the
//   act is enough, and the schedule that showed it replays from its seed.
#pragma once

#include <functional>
#include <safemap/mutex_map.hpp>
#include <utility>

namespace safemap::broken {

template <class Key, class Value, class Hash = std::hash<Key>, class KeyEqual = std::equal_to<Key>>
class check_then_insert : public mutex_map<Key, Value, Hash, KeyEqual> {
 public:
  bool insert(const Key& key, Value value) {  // <- OPERATION
    if (this->contains(key)) return false;  // <- BUG: checked under one lock ...
    this->insert_or_assign(key, std::move(value));  // ... acted under another
    return true;
  }
};

}  // namespace safemap::broken
