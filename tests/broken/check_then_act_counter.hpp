// safemap::broken::check_then_act_counter — every operation locked, yet counters lose updates.
//
// BUG: upsert() is find() then insert_or_assign(), each correctly locked on its own. Between the
//   two another thread can increment the same counter, and the write-back overwrites that
//   increment. Every access is synchronized, so no sanitizer can see it; only the invariant
//   "counters sum to the increments made" can. Seed 003 (the leaderboard / request counter
//   `counts[key]++`: "read, increment, and write back while holding the lock" — here the lock is
//   let go in between).
//   Everything else is the reference mutex_map: the bug is one "convenience" method added on top.
// Works locally: with 2 threads the window between find and write-back is rarely hit.
// EXPECT invariant: lost update at @BUG
//   The window is a lock release and re-acquire wide: a waiting thread must grab the lock in
//   exactly that gap, so it takes many increments (measured: 20000 per thread caught it in
//   11 of 12 ASan runs, 100000 in 20 of 20).
// RUN: --workload hot_key_counters --ops 100000
#pragma once

#include <functional>
#include <safemap/mutex_map.hpp>
#include <utility>

namespace safemap::broken {

template <class Key, class Value, class Hash = std::hash<Key>, class KeyEqual = std::equal_to<Key>>
class check_then_act_counter : public mutex_map<Key, Value, Hash, KeyEqual> {
 public:
  template <class Make, class Mutate>
  bool upsert(const Key& key, Make&& make, Mutate&& mutate) {
    auto current = this->find(key);  // <- BUG: checked under one lock ...
    if (!current) return this->insert_or_assign(key, std::forward<Make>(make)());  // ... acted under another
    std::forward<Mutate>(mutate)(*current);
    this->insert_or_assign(key, *current);  // ... acted under another
    return false;
  }
};

}  // namespace safemap::broken
