// safemap::broken::check_then_act_counter — every operation locked, yet counters lose updates.
//
// BUG: upsert() is find() then insert_or_assign(), each correctly locked on its own. Between the
//   two another thread can increment the same counter, and the write-back overwrites that
//   increment; or erase the key, and the write-back brings it back. This is `counts[key]++` made
//   "thread-safe" by locking each map call instead of the whole read-modify-write, the usual
//   first fix of Go's "concurrent map writes". Every access is synchronized, so no sanitizer can
//   see it; the invariant "counters sum to the increments made" and the linearizability of the
//   history can.
//   Everything else is the reference mutex_map: the bug is one "convenience" method added on top.
// Works locally: with 2 threads the window between find and write-back is rarely hit by an
//   ordinary test, so the invariant oracle needs production-sized runs.
// Fails locally: the linearizability oracle (workload shared_keys) makes two threads collide on
//   one key at once, every few microseconds, so the 2-thread normal build finds it too.
// EXPECT linearizability: linearizability violation at @OPERATION
// RUN(linearizability): --workload shared_keys --ops 100000000
// EXPECT invariant: lost update at @OPERATION
//   The invariant oracle learns of lost increments only when the round ends: the window is a
//   lock release and re-acquire wide, so it takes many increments (measured: 20000 per thread
//   caught it in 11 of 12 ASan runs, 100000 in 20 of 20).
// RUN(invariant): --workload hot_key_counters --ops 100000
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
class check_then_act_counter : public mutex_map<Key, Value, Hash, KeyEqual> {
 public:
  template <class Make, class Mutate>
  bool upsert(const Key& key, Make&& make, Mutate&& mutate) {  // <- OPERATION
    auto current = this->find(key);  // <- BUG: checked under one lock ...
    if (!current) return this->insert_or_assign(key, std::forward<Make>(make)());  // ... acted under another
    std::forward<Mutate>(mutate)(*current);
    this->insert_or_assign(key, *current);  // ... acted under another
    return false;
  }
};

}  // namespace safemap::broken
