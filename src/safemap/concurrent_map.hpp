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

// Each requirement is a concept of its own, so safemap::check_concurrent_map<Map>()
// (check_concurrent_map.hpp) can name every unmet one at once; the two concepts below are their
// conjunctions and nothing else.
namespace requirement {

template <class Map>
concept member_types = requires {
  typename Map::key_type;
  typename Map::mapped_type;
  typename Map::hasher;
  typename Map::key_equal;
};

// Lookups: copies out, never references in.
template <class Map>
concept find = requires(const Map& map, const typename Map::key_type& key) {
  { map.find(key) } -> std::same_as<std::optional<typename Map::mapped_type>>;
};
template <class Map>
concept contains = requires(const Map& map, const typename Map::key_type& key) {
  { map.contains(key) } -> std::same_as<bool>;
};
template <class Map>
concept size = requires(const Map& map) {
  { map.size() } -> std::same_as<std::size_t>;
  { map.empty() } -> std::same_as<bool>;
};

// Whole-map access; each variant documents whether for_each sees a snapshot or a locked
// traversal.
template <class Map>
concept for_each = requires(const Map& map) {
  {
    map.for_each([](const typename Map::key_type&, const typename Map::mapped_type&) {})
  } -> std::same_as<void>;
};
template <class Map>
concept snapshot = requires(const Map& map) {
  { map.snapshot() } -> std::same_as<snapshot_t<Map>>;
};

// Writes. insert() adds only when absent and returns true when it added; insert_or_assign()
// returns true when it added and false when it replaced a value; erase() returns true when the
// key was there.
template <class Map>
concept insert =
    requires(Map& map, const typename Map::key_type& key, const typename Map::mapped_type& value) {
      { map.insert(key, value) } -> std::same_as<bool>;
    };
template <class Map>
concept insert_or_assign =
    requires(Map& map, const typename Map::key_type& key, const typename Map::mapped_type& value) {
      { map.insert_or_assign(key, value) } -> std::same_as<bool>;
    };
template <class Map>
concept erase = requires(Map& map, const typename Map::key_type& key) {
  { map.erase(key) } -> std::same_as<bool>;
  { map.clear() } -> std::same_as<void>;
};

// Atomic read-modify-write.
// update(k, fn): fn(V&) runs on the present value under the map's guard; false if absent.
template <class Map>
concept update = requires(Map& map, const typename Map::key_type& key) {
  {
    map.update(key, [](typename Map::mapped_type&) {})
  } -> std::same_as<bool>;
};
// upsert(k, make, fn): inserts make() when absent (returns true), otherwise runs fn(V&) on the
// present value (returns false). Go's racy `counts[key]++` from many goroutines, done safely, is
//   map.upsert(key, [] { return 1; }, [](int& count) { ++count; });
template <class Map>
concept upsert = requires(Map& map, const typename Map::key_type& key) {
  {
    map.upsert(key, [] { return typename Map::mapped_type{}; }, [](typename Map::mapped_type&) {})
  } -> std::same_as<bool>;
};

}  // namespace requirement

// The read side alone: what a map that never changes after construction (frozen_map) can
// promise honestly. concurrent_map refines it.
template <class Map>
concept readable_map =
    requirement::member_types<Map> && requirement::find<Map> && requirement::contains<Map> &&
    requirement::size<Map> && requirement::for_each<Map> && requirement::snapshot<Map>;

template <class Map>
concept concurrent_map =
    readable_map<Map> && std::default_initializable<Map> && requirement::insert<Map> &&
    requirement::insert_or_assign<Map> && requirement::erase<Map> && requirement::update<Map> &&
    requirement::upsert<Map>;

}  // namespace safemap
