// safemap::broken::unlocked_iteration — every operation locked except the walk over the map.
//
// BUG: for_each() iterates without the lock: "it only reads, and holding the lock for the whole
//   walk would stall the writers". A write that rehashes or erases during the walk leaves the
//   iterator on freed or moved nodes. Go's "concurrent map iteration and map write" (`for k :=
//   range m` in one goroutine, `m["key"] = 42` in another).
//   ThreadSanitizer may name either side: the walk (@BUG) or the locked write it races with (@PEER).
// Works locally: 2 threads, a short run: the walk rarely meets a rehash.
// Static: the table is SAFEMAP_GUARDED_BY(mutex_), so the analysis rejects the unlocked walk.
// EXPECT static: requires holding mutex 'mutex_' at @BUG
// EXPECT tsan: data race at @BUG|@PEER
// RUN: --workload iterate_while_writing
// EXPECT tsan under controlled: data race at @BUG|@PEER
// RUN(controlled): --workload iterate_while_writing
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <unordered_map>
#include <utility>

#include <safemap/thread_annotations.hpp>

namespace safemap::broken {

template <class Key, class Value, class Hash = std::hash<Key>, class KeyEqual = std::equal_to<Key>>
class unlocked_iteration {
 public:
  using key_type = Key;
  using mapped_type = Value;
  using hasher = Hash;
  using key_equal = KeyEqual;

  std::optional<Value> find(const Key& key) const {
    safemap::lock_guard lock{mutex_};
    auto found = table_.find(key);
    if (found == table_.end()) return std::nullopt;
    return found->second;
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
    return table_.try_emplace(key, value).second;  // <- PEER
  }
  bool insert_or_assign(const Key& key, const Value& value) {
    safemap::lock_guard lock{mutex_};
    return table_.insert_or_assign(key, value).second;  // <- PEER
  }
  bool erase(const Key& key) {
    safemap::lock_guard lock{mutex_};
    return table_.erase(key) > 0;  // <- PEER
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
    for (const auto& [key, value] : table_) visit(key, value);  // <- BUG: no lock
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
