// safemap::broken::check_then_erase — remove-and-count as "contains, then erase".
//
// BUG: erase() asks contains() and, when the key is there, erases it and returns true, in two
//   locked calls. Two threads erasing the same key both see it, both "remove" it, both return
//   true. Code that counts successful removals (active sessions, open leases, reference counts:
//   `if (sessions.containsKey(id)) { sessions.remove(id); active.decrementAndGet(); }`) then
//   releases one thing twice: the counter goes negative, a lease is handed out twice. The
//   map's contents stay right, so only the bool each call returned betrays it.
//   Only two threads erasing the same key at the same moment show it.
// Works locally: a laptop test rarely erases one key from two threads at the same instant.
// Fails locally: the linearizability oracle (workload shared_keys) starts every segment with all
//   threads on one key, erase against erase among the collisions, so a 2-thread normal run
//   finds it too.
// EXPECT linearizability: linearizability violation at @OPERATION
// RUN: --workload shared_keys --ops 100000000
// EXPECT linearizability under controlled: linearizability violation at @OPERATION
// RUN(controlled): --workload shared_keys
//   Under a PCT schedule the window is not luck: one priority change between the check and the
//   act is enough, and the schedule that showed it replays from its seed.
#pragma once

#include <functional>
#include <safemap/mutex_map.hpp>

namespace safemap::broken {

template <class Key, class Value, class Hash = std::hash<Key>, class KeyEqual = std::equal_to<Key>>
class check_then_erase : public mutex_map<Key, Value, Hash, KeyEqual> {
  using base = mutex_map<Key, Value, Hash, KeyEqual>;

 public:
  bool erase(const Key& key) {  // <- OPERATION
    if (!this->contains(key)) return false;  // <- BUG: checked under one lock ...
    base::erase(key);  // ... acted under another; its own answer is ignored
    return true;
  }
};

}  // namespace safemap::broken
