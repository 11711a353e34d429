// safemap::broken::unsynchronized_writes — a plain std::unordered_map shared by threads.
//
// BUG: no lock at all: "it was single-threaded when it was written". Two inserts that overlap
//   (above all while the table rehashes as it grows) corrupt the buckets. This is Go's
//   "fatal error: concurrent map writes" (a leaderboard that works with one player and dies
//   under production load; Go's runtime detects it, best effort, and stops the process); C++
//   has no such check, so it corrupts silently or crashes far away from the bug.
// Works locally: 2 threads inserting a few thousand keys rarely collide inside a rehash.
// EXPECT tsan: data race at @BUG
// RUN: --workload resize_storm
// EXPECT tsan under controlled: data race at @BUG
// RUN(controlled): --workload resize_storm
// EXPECT invariant under controlled_memory: lost update at @UPSERT
// RUN(controlled_memory): --workload hot_key_counters
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <unordered_map>
#include <utility>

namespace safemap::broken {

// Table: the unguarded map; checked_map_without_lock.hpp runs this same code on a checked_map.
template <class Key, class Value, class Hash = std::hash<Key>, class KeyEqual = std::equal_to<Key>,
          class Table = std::unordered_map<Key, Value, Hash, KeyEqual>>
class unsynchronized_writes {
 public:
  using key_type = Key;
  using mapped_type = Value;
  using hasher = Hash;
  using key_equal = KeyEqual;

  std::optional<Value> find(const Key& key) const {
    auto found = table_.find(key);  // <- BUG
    if (found == table_.end()) return std::nullopt;
    return found->second;  // <- BUG
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
  bool upsert(const Key& key, Make&& make, Mutate&& mutate) {  // <- UPSERT
    auto [where, added] = table_.try_emplace(key);  // <- BUG
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
  Table table_;
};

}  // namespace safemap::broken
