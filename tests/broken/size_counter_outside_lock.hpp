// safemap::broken::size_counter_outside_lock — the table is locked, its element count is not.
//
// BUG: size() is called often, so the map keeps its own count and reads it without the lock;
//   the count is updated after the locked section ("it is just an integer"). Concurrent
//   increments and decrements of a plain integer lose updates, and size() drifts from the truth.
//   Go's concurrent map writes in miniature: shared state written without synchronization.
// Works locally: 2 threads rarely update the count at the same instant. Even the production
//   profile of a normal build shows the drift ("wrong size") in only about 27 of 29 runs on 2
//   cores, too few for an expectation: ThreadSanitizer is the detector that always sees it.
// Static: the count is SAFEMAP_GUARDED_BY(mutex_), so the analysis rejects every unlocked use.
// EXPECT static: requires holding mutex 'mutex_' at @BUG
// EXPECT tsan: data race at @BUG
// RUN: --workload write_heavy
// EXPECT tsan under controlled: data race at @BUG
// RUN(controlled): --workload write_heavy
// EXPECT invariant under controlled_memory: wrong size at @BUG
// RUN(controlled_memory): --workload write_heavy
#pragma once

#include <cstddef>
#include <functional>
#include <utility>

#include <safemap/thread_annotations.hpp>

#include "support/locked_unordered_map.hpp"

namespace safemap::broken {

// The correct locked map's operations, with the count kept beside them.
template <class Key, class Value, class Hash = std::hash<Key>, class KeyEqual = std::equal_to<Key>>
class size_counter_outside_lock : public support::locked_unordered_map<Key, Value, Hash, KeyEqual> {
  using locked_map = support::locked_unordered_map<Key, Value, Hash, KeyEqual>;

 public:
  std::size_t size() const { return count_; }  // <- BUG: unlocked read
  bool empty() const { return size() == 0; }

  bool insert(const Key& key, const Value& value) { return counted(locked_map::insert(key, value)); }
  bool insert_or_assign(const Key& key, const Value& value) {
    return counted(locked_map::insert_or_assign(key, value));
  }
  bool erase(const Key& key) {
    const bool erased = locked_map::erase(key);
    if (erased) --count_;  // <- BUG: unlocked write
    return erased;
  }
  void clear() {
    locked_map::clear();
    count_ = 0;  // <- BUG: unlocked write
  }
  template <class Make, class Mutate>
  bool upsert(const Key& key, Make&& make, Mutate&& mutate) {
    return counted(locked_map::upsert(key, std::forward<Make>(make), std::forward<Mutate>(mutate)));
  }

 private:
  bool counted(bool added) {
    if (added) ++count_;  // <- BUG: unlocked write
    return added;
  }
  std::size_t count_ SAFEMAP_GUARDED_BY(this->mutex_) = 0;
};

}  // namespace safemap::broken
