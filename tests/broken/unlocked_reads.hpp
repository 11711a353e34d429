// safemap::broken::unlocked_reads — writes take the lock, reads do not.
//
// BUG: find() and contains() read the table without the lock: "reads change nothing, and the
//   lock is slow". A read that overlaps a locked write sees a half-written value or a bucket
//   array in the middle of a rehash. Go's "concurrent map read and map write": one request
//   handler updates a session while another reads it; the reads looked safe.
//   The race has two sides, so ThreadSanitizer may name either: the unlocked read (@BUG) or the
//   locked write it races with (@PEER).
// Works locally: 2 threads rarely overlap a read with a write of the same entry.
// Static: the table is SAFEMAP_GUARDED_BY(mutex_), so the analysis rejects the unlocked reads.
// EXPECT static: requires holding mutex 'mutex_' at @BUG
// EXPECT tsan: data race at @BUG|@PEER
// RUN: --workload read_heavy
// EXPECT tsan under controlled: data race at @BUG|@PEER
// RUN(controlled): --workload read_heavy
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <unordered_map>
#include <utility>

#include <safemap/thread_annotations.hpp>

namespace safemap::broken {

template <class Key, class Value, class Hash = std::hash<Key>, class KeyEqual = std::equal_to<Key>>
class unlocked_reads {
 public:
  using key_type = Key;
  using mapped_type = Value;
  using hasher = Hash;
  using key_equal = KeyEqual;

  std::optional<Value> find(const Key& key) const {
    auto found = table_.find(key);  // <- BUG: no lock
    if (found == table_.end()) return std::nullopt;
    return found->second;  // <- BUG: no lock
  }
  bool contains(const Key& key) const { return table_.contains(key); }  // <- BUG: no lock

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
    safemap::lock_guard lock{mutex_};
    table_.clear();
  }

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
