// safemap::broken::replace_by_erase_and_insert — overwrite as "delete, then insert".
//
// BUG: insert_or_assign() erases the key and then inserts the new value, in two locked calls.
//   In between, the key is missing for everyone: a reader of a key that was never meant to be
//   absent finds nothing (a cache miss storm, a "user not found"), and an insert() of the same
//   key can slip in and win, so the assignment is lost although it reported success. This is
//   the refresh-by-invalidate pattern (`cache.remove(k); cache.put(k, fresh)`), and "update" as
//   DELETE followed by INSERT outside one transaction.
//   Only a second thread touching the same key inside that window shows it.
// Works locally: the window is two lock hand-offs wide; a laptop test seldom reads that key then.
// Fails locally: the linearizability oracle (workload shared_keys) keeps every thread on the same
//   four keys, so a read or an insert lands in the window within a 2-thread normal run.
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
class replace_by_erase_and_insert : public mutex_map<Key, Value, Hash, KeyEqual> {
  using base = mutex_map<Key, Value, Hash, KeyEqual>;

 public:
  bool insert_or_assign(const Key& key, Value value) {  // <- OPERATION
    const bool existed = base::erase(key);  // <- BUG: the key is gone for everyone ...
    base::insert(key, std::move(value));    // ... until this second critical section
    return !existed;
  }
};

}  // namespace safemap::broken
