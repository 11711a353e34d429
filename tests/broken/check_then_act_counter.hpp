// safemap::broken::check_then_act_counter — every operation locked, yet counters lose updates.
//
// BUG: upsert() is find() then insert_or_assign(), each correctly locked on its own. Between the
//   two another thread can increment the same counter, and the write-back overwrites that
//   increment. Every access is synchronized, so no sanitizer can see it; only the invariant
//   "counters sum to the increments made" can. Seed 003 (the leaderboard / request counter
//   `counts[key]++`: "read, increment, and write back while holding the lock" — here the lock is
//   let go in between).
// Works locally: with 2 threads the window between find and write-back is rarely hit.
// EXPECT invariant: lost update at @BUG
// RUN: --workload hot_key_counters
#pragma once

#include <cstddef>
#include <functional>
#include <mutex>
#include <optional>
#include <unordered_map>
#include <utility>

namespace safemap::broken {

template <class Key, class Value, class Hash = std::hash<Key>, class KeyEqual = std::equal_to<Key>>
class check_then_act_counter {
 public:
  using key_type = Key;
  using mapped_type = Value;
  using hasher = Hash;
  using key_equal = KeyEqual;

  std::optional<Value> find(const Key& key) const {
    std::lock_guard lock{mutex_};
    auto found = table_.find(key);
    if (found == table_.end()) return std::nullopt;
    return found->second;
  }
  bool contains(const Key& key) const {
    std::lock_guard lock{mutex_};
    return table_.contains(key);
  }
  std::size_t size() const {
    std::lock_guard lock{mutex_};
    return table_.size();
  }
  bool empty() const { return size() == 0; }

  bool insert(const Key& key, const Value& value) {
    std::lock_guard lock{mutex_};
    return table_.try_emplace(key, value).second;
  }
  bool insert_or_assign(const Key& key, const Value& value) {
    std::lock_guard lock{mutex_};
    return table_.insert_or_assign(key, value).second;
  }
  bool erase(const Key& key) {
    std::lock_guard lock{mutex_};
    return table_.erase(key) > 0;
  }
  void clear() {
    std::lock_guard lock{mutex_};
    table_.clear();
  }

  template <class Mutate>
  bool update(const Key& key, Mutate&& mutate) {
    std::lock_guard lock{mutex_};
    auto found = table_.find(key);
    if (found == table_.end()) return false;
    std::forward<Mutate>(mutate)(found->second);
    return true;
  }
  template <class Make, class Mutate>
  bool upsert(const Key& key, Make&& make, Mutate&& mutate) {
    auto current = find(key);  // <- BUG: checked under one lock ...
    if (!current) return insert_or_assign(key, std::forward<Make>(make)());  // ... acted under another
    std::forward<Mutate>(mutate)(*current);
    insert_or_assign(key, *current);  // ... acted under another
    return false;
  }

  template <class Visit>
  void for_each(Visit&& visit) const {
    std::lock_guard lock{mutex_};
    for (const auto& [key, value] : table_) visit(key, value);
  }
  std::unordered_map<Key, Value, Hash, KeyEqual> snapshot() const {
    std::lock_guard lock{mutex_};
    return table_;
  }

 private:
  mutable std::mutex mutex_;
  std::unordered_map<Key, Value, Hash, KeyEqual> table_;
};

}  // namespace safemap::broken
