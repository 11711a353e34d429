// The map variants under test, as "families" (one variant, any key / value / hash / equality),
// so each typed test picks the key and value types it needs.
#pragma once

#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <unordered_map>

#include <gtest/gtest.h>

#include <safemap/safemap.hpp>

namespace safemap::test {

template <template <class, class, class, class> class Variant, bool MoveOnlyValues>
struct family {
  template <class Key, class Value, class Hash = std::hash<Key>,
            class KeyEqual = std::equal_to<Key>>
  using map = Variant<Key, Value, Hash, KeyEqual>;
  // Whether the variant stores values it cannot copy (read_mostly_map copies on write).
  static constexpr bool move_only_values = MoveOnlyValues;
};

using mutex_family = family<mutex_map, true>;
using shared_mutex_family = family<shared_mutex_map, true>;
using sharded_family = family<sharded_map, true>;
using read_mostly_family = family<read_mostly_map, false>;
using owner_thread_family = family<owner_thread_map, true>;
using frozen_family = family<frozen_map, false>;

using mutating_families = ::testing::Types<mutex_family, shared_mutex_family, sharded_family,
                                           read_mostly_family, owner_thread_family>;
using all_families = ::testing::Types<mutex_family, shared_mutex_family, sharded_family,
                                      read_mostly_family, owner_thread_family, frozen_family>;
using move_only_families =
    ::testing::Types<mutex_family, shared_mutex_family, sharded_family, owner_thread_family>;

// Test names read "write_side/mutex_map.Insert..." instead of ".../0.Insert...".
struct family_name {
  template <class Family>
  static std::string GetName(int) {
    if constexpr (std::is_same_v<Family, mutex_family>) return "mutex_map";
    if constexpr (std::is_same_v<Family, shared_mutex_family>) return "shared_mutex_map";
    if constexpr (std::is_same_v<Family, sharded_family>) return "sharded_map";
    if constexpr (std::is_same_v<Family, read_mostly_family>) return "read_mostly_map";
    if constexpr (std::is_same_v<Family, owner_thread_family>) return "owner_thread_map";
    return "frozen_map";
  }
};

// A map of any variant holding exactly `entries` (maps are neither copyable nor movable, and
// frozen_map can only be filled at construction, hence the unique_ptr).
template <class Map>
std::unique_ptr<Map> make_filled(
    const std::unordered_map<typename Map::key_type, typename Map::mapped_type,
                             typename Map::hasher, typename Map::key_equal>& entries) {
  if constexpr (concurrent_map<Map>) {
    auto map = std::make_unique<Map>();
    for (const auto& [key, value] : entries) map->insert(key, value);
    return map;
  } else {
    return std::make_unique<Map>(entries);
  }
}

}  // namespace safemap::test
