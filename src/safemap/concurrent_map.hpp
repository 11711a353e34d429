// safemap::concurrent_map — the one API every map variant in this library models.
//
// Tests, stress workloads and benchmarks are written once against this concept, so a new variant
// (yours, in a fork) is exercised by all of them as soon as it compiles against it.
//
// The contract, for every model M:
//   * Every operation may be called from any thread at any time, concurrently with any other.
//   * Nothing that points into guarded state ever leaves an operation: find() returns a copy,
//     for_each() and update() hand the callback a reference that is valid only during the call,
//     snapshot() returns an independent std::unordered_map.
//   * Read-modify-write is one operation (update, upsert), so callers never write
//     check-then-act sequences (find, then insert_or_assign) that lose updates between the two.
//   * Callbacks must not call back into the same map; variants report that as a usage error
//     (safemap::reentrant_call, see reentry_guard.hpp) instead of deadlocking.
//   * A callback that throws leaves the map usable: its exception propagates to the caller and
//     every lock the operation took is released.
#pragma once

#include <concepts>
#include <cstddef>
#include <optional>
#include <unordered_map>

namespace safemap {

template <class Map>
using snapshot_t = std::unordered_map<typename Map::key_type, typename Map::mapped_type,
                                      typename Map::hasher, typename Map::key_equal>;

// The read side alone: what a map that never changes after construction (frozen_map) can
// promise honestly. concurrent_map refines it.
template <class Map>
concept readable_map =
    requires(const Map& const_map, const typename Map::key_type& key) {
      typename Map::key_type;
      typename Map::mapped_type;
      typename Map::hasher;
      typename Map::key_equal;

      // Lookups: copies out, never references in.
      { const_map.find(key) } -> std::same_as<std::optional<typename Map::mapped_type>>;
      { const_map.contains(key) } -> std::same_as<bool>;
      { const_map.size() } -> std::same_as<std::size_t>;
      { const_map.empty() } -> std::same_as<bool>;

      // Whole-map access; each variant documents whether for_each sees a snapshot or a locked
      // traversal.
      { const_map.for_each([](const typename Map::key_type&, const typename Map::mapped_type&) {}) }
          -> std::same_as<void>;
      { const_map.snapshot() } -> std::same_as<snapshot_t<Map>>;
    };

template <class Map>
concept concurrent_map =
    readable_map<Map> && std::default_initializable<Map> &&
    requires(Map& map, const typename Map::key_type& key, const typename Map::mapped_type& value) {
      // Writes. insert() adds only when absent; insert_or_assign() returns true when it added.
      { map.insert(key, value) } -> std::same_as<bool>;
      { map.insert_or_assign(key, value) } -> std::same_as<bool>;
      { map.erase(key) } -> std::same_as<bool>;
      { map.clear() } -> std::same_as<void>;

      // Atomic read-modify-write.
      // update(k, fn): fn(V&) runs on the present value under the map's guard; false if absent.
      { map.update(key, [](typename Map::mapped_type&) {}) } -> std::same_as<bool>;
      // upsert(k, make, fn): inserts make() when absent (returns true), otherwise runs fn(V&)
      // on the present value (returns false). Go's racy `counts[key]++` from many goroutines,
      // done safely, is
      //   map.upsert(key, [] { return 1; }, [](int& count) { ++count; });
      {
        map.upsert(key, [] { return typename Map::mapped_type{}; },
                   [](typename Map::mapped_type&) {})
      } -> std::same_as<bool>;
    };

}  // namespace safemap
