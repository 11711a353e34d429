// safemap::shared_mutex_map — one std::shared_mutex around one std::unordered_map.
//
// Thread safety: find / contains / size / for_each / snapshot take the lock shared, so readers
//   run concurrently; writes take it exclusively. All operations are linearizable. A callback
//   that calls back into the same map throws safemap::reentrant_call (a shared lock is not
//   re-entrant either: with a writer queued, a nested shared lock deadlocks).
// Exception safety: as mutex_map (strong against throwing hashes, comparisons, copies and
//   allocations; a throwing mutate callback leaves what it changed; the lock is always released).
// Complexity: average O(1) per operation plus waiting; for_each and snapshot are O(n) under the
//   shared lock, so they block writers but not readers.
// for_each: a locked traversal under the shared lock; consistent, writers wait.
// Values: move-only values work as in mutex_map.
// Choose it: many reader threads, few writes, short critical sections, and one table is fine.
//   A shared lock still writes one shared cache line per acquire, so at high thread counts
//   sharded_map (spreads that line) or read_mostly_map (readers write nothing shared but an
//   epoch counter stripe) scale further; for write-heavy work it is slower than mutex_map.
#pragma once

#include <functional>
#include <shared_mutex>

#include <safemap/locked_map.hpp>

namespace safemap {

template <class Key, class Value, class Hash = std::hash<Key>, class KeyEqual = std::equal_to<Key>>
using shared_mutex_map = locked_map<Key, Value, Hash, KeyEqual, std::shared_mutex>;

}  // namespace safemap
