// safemap::broken::checked_map_without_lock — Go's map, unguarded, ported to C++ with checked_map.
//
// BUG: a counter map bumped from every request handler with no lock: Go's `counts[key]++` from
//   many goroutines (seed 003: the leaderboard that works with one player and dies when a friend
//   joins; seed 000: why the runtime kills the process). The table is safemap::checked_map, so
//   the normal optimized build does what Go's runtime does: the second writer to enter dies with
//   "fatal error: concurrent map writes" and a stack naming this file, instead of corrupting the
//   table or losing increments silently (compare unsynchronized_writes, the same bug on a plain
//   std::unordered_map, which passes locally).
// Caught locally: that is the point of checked_map, and the gap report's verdict for this
//   variant is "safety net: dies loudly locally". Under TSan the same bug is a data race at these lines
//   (the locator points past checked_map's own frames in src/safemap to the caller here).
// EXPECT checked_map: concurrent map writes at @BUG
// EXPECT tsan: data race at @BUG
// RUN: --workload hot_key_counters
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <unordered_map>
#include <utility>

#include <safemap/checked_map.hpp>

namespace safemap::broken {

template <class Key, class Value, class Hash = std::hash<Key>, class KeyEqual = std::equal_to<Key>>
class checked_map_without_lock {
 public:
  using key_type = Key;
  using mapped_type = Value;
  using hasher = Hash;
  using key_equal = KeyEqual;

  std::optional<Value> find(const Key& key) const {
    auto found = table_.find(key);  // <- BUG: no lock
    if (found == table_.end()) return std::nullopt;
    return found->second;
  }
  bool contains(const Key& key) const { return table_.contains(key); }  // <- BUG
  std::size_t size() const { return table_.size(); }  // <- BUG
  bool empty() const { return size() == 0; }

  bool insert(const Key& key, const Value& value) { return table_.try_emplace(key, value).second; }  // <- BUG
  bool insert_or_assign(const Key& key, const Value& value) {
    return table_.insert_or_assign(key, value).second;  // <- BUG
  }
  bool erase(const Key& key) { return table_.erase(key) > 0; }  // <- BUG
  void clear() { table_.clear(); }  // <- BUG

  template <class Mutate>
  bool update(const Key& key, Mutate&& mutate) {
    auto found = table_.find(key);  // <- BUG
    if (found == table_.end()) return false;
    std::forward<Mutate>(mutate)(found->second);  // <- BUG
    return true;
  }
  template <class Make, class Mutate>
  bool upsert(const Key& key, Make&& make, Mutate&& mutate) {
    auto [where, added] = table_.try_emplace(key);  // <- BUG: counts[key]++ from every thread
    if (added) {
      where->second = std::forward<Make>(make)();  // <- BUG
    } else {
      std::forward<Mutate>(mutate)(where->second);  // <- BUG
    }
    return added;
  }

  template <class Visit>
  void for_each(Visit&& visit) const {
    for (const auto& [key, value] : table_) visit(key, value);  // <- BUG
  }
  std::unordered_map<Key, Value, Hash, KeyEqual> snapshot() const {
    return {table_.begin(), table_.end()};  // <- BUG
  }

 private:
  safemap::checked_map<Key, Value, Hash, KeyEqual> table_;
};

}  // namespace safemap::broken
