// safemap::mutex_map — one std::mutex around one std::unordered_map. The reference variant.
//
// Thread safety: every operation takes the one mutex; all operations are linearizable.
//   A callback (update / upsert / for_each) that calls back into the same map throws
//   safemap::reentrant_call instead of deadlocking.
// Exception safety (each operation checked under injected faults: tests/faults/): strong for
//   every operation against a throwing hash, key comparison, key or value copy or allocation
//   (std::unordered_map's own guarantees): the map is as it was. A callback that throws: make()
//   of upsert inserts nothing; update()'s and upsert()'s mutate run on the stored value, so
//   what they changed before throwing stays; for_each's visit changes nothing. The lock is
//   always released (RAII), so nothing that throws leaves the map locked.
// Complexity: average O(1) per operation, plus waiting for the lock; for_each and snapshot are
//   O(n) with the lock held throughout.
// for_each: a locked traversal; the callback sees a consistent state, and writers wait.
// Values: move-only values work (insert(k, std::move(v)), upsert, update, for_each); find and
//   snapshot need a copyable Value.
// Choose it: the default. Simplest to reason about, fastest at low contention and for
//   write-heavy work; every reader waits for every other reader, so read-mostly work at many
//   threads wants shared_mutex_map, sharded_map or read_mostly_map instead.
#pragma once

#include <functional>
#include <mutex>

#include <safemap/locked_map.hpp>

namespace safemap {

template <class Key, class Value, class Hash = std::hash<Key>, class KeyEqual = std::equal_to<Key>>
using mutex_map = locked_map<Key, Value, Hash, KeyEqual, std::mutex>;

}  // namespace safemap
