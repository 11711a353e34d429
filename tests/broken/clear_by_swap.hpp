// safemap::broken::clear_by_swap — clear() swaps in an empty table without the lock.
//
// BUG: "swapping is just exchanging three pointers, it is atomic enough", so clear() swaps the
//   table with an empty one outside the lock. The swap races with every locked operation, and
//   the old nodes are freed while other threads still walk them. A correct reset replaces the
//   table under the lock (in Go: reassigning the map variable under the mutex); here the lock
//   was left out. ThreadSanitizer may name the swap (@BUG) or the locked operation it races with
//   (@PEER).
// Works locally: clears are rare in a laptop test, and 2 threads seldom overlap one.
// Static: the table is SAFEMAP_GUARDED_BY(mutex_), so the analysis rejects the unlocked swap.
// EXPECT static: requires holding mutex 'mutex_' at @BUG
// EXPECT tsan: data race at @BUG|@PEER
// RUN: --workload clear_while_writing
// EXPECT tsan under controlled: data race at @BUG|@PEER
// RUN(controlled): --workload clear_while_writing
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <unordered_map>
#include <utility>

#include <safemap/thread_annotations.hpp>

namespace safemap::broken {

template <class Key, class Value, class Hash = std::hash<Key>, class KeyEqual = std::equal_to<Key>>
class clear_by_swap {
 public:
  using key_type = Key;
  using mapped_type = Value;
  using hasher = Hash;
  using key_equal = KeyEqual;

  std::optional<Value> find(const Key& key) const {
    safemap::lock_guard lock{mutex_};
    auto found = table_.find(key);  // <- PEER
    if (found == table_.end()) return std::nullopt;
    return found->second;  // <- PEER
  }
  bool contains(const Key& key) const {
    safemap::lock_guard lock{mutex_};
    return table_.contains(key);
  }
  std::size_t size() const {
    safemap::lock_guard lock{mutex_};
    return table_.size();
  }
  bool empty() const { return size() == 0; }

  bool insert(const Key& key, const Value& value) {
    safemap::lock_guard lock{mutex_};
    return table_.try_emplace(key, value).second;
  }
  bool insert_or_assign(const Key& key, const Value& value) {
    safemap::lock_guard lock{mutex_};
    return table_.insert_or_assign(key, value).second;  // <- PEER
  }
  bool erase(const Key& key) {
    safemap::lock_guard lock{mutex_};
    return table_.erase(key) > 0;
  }
  void clear() {
    std::unordered_map<Key, Value, Hash, KeyEqual> empty_table;
    table_.swap(empty_table);  // <- BUG: no lock
  }  // <- BUG: the old nodes are freed here, still without the lock

  template <class Mutate>
  bool update(const Key& key, Mutate&& mutate) {
    safemap::lock_guard lock{mutex_};
    auto found = table_.find(key);
    if (found == table_.end()) return false;
    std::forward<Mutate>(mutate)(found->second);
    return true;
  }
  template <class Make, class Mutate>
  bool upsert(const Key& key, Make&& make, Mutate&& mutate) {
    safemap::lock_guard lock{mutex_};
    auto [where, added] = table_.try_emplace(key);
    if (added) {
      where->second = std::forward<Make>(make)();
    } else {
      std::forward<Mutate>(mutate)(where->second);
    }
    return added;
  }

  template <class Visit>
  void for_each(Visit&& visit) const {
    safemap::lock_guard lock{mutex_};
    for (const auto& [key, value] : table_) visit(key, value);
  }
  std::unordered_map<Key, Value, Hash, KeyEqual> snapshot() const {
    safemap::lock_guard lock{mutex_};
    return table_;
  }

 private:
  mutable safemap::mutex mutex_;
  std::unordered_map<Key, Value, Hash, KeyEqual> table_ SAFEMAP_GUARDED_BY(mutex_);
};

}  // namespace safemap::broken
