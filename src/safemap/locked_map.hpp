// safemap::locked_map — one std::unordered_map behind one lock of type Mutex.
//
// The shared implementation of mutex_map (Mutex = std::mutex) and shared_mutex_map
// (Mutex = std::shared_mutex); read their headers for when to pick which. A fork can plug in its
// own lock (a spinlock, an instrumented mutex) as locked_map<K, V, H, E, its_lock>: anything
// meeting the standard Lockable requirements, and SharedLockable for concurrent readers.
//
// Thread safety: every operation takes the lock (shared for find / contains / size / for_each /
//   snapshot when Mutex is shared-lockable, exclusive otherwise); all operations are
//   linearizable. Callbacks calling back into the same map throw safemap::reentrant_call.
// Exception safety (each operation checked under injected faults: tests/faults/): strong for
//   every operation against a throwing hash, key comparison, key or value copy or allocation
//   (std::unordered_map's own guarantees): the map is as it was. A callback that throws: make()
//   of upsert inserts nothing; update()'s and upsert()'s mutate run on the stored value, so
//   what they changed before throwing stays; for_each's visit changes nothing. The lock is
//   always released (RAII), so nothing that throws leaves the map locked.
// Complexity: average O(1) per operation, plus waiting for the lock; for_each and snapshot are
//   O(n) with the lock held throughout.
// for_each: a locked traversal; the callback sees a consistent state while writers wait.
#pragma once

#include <concepts>
#include <cstddef>
#include <functional>
#include <mutex>
#include <optional>
#include <shared_mutex>
#include <string_view>
#include <unordered_map>
#include <utility>

#include <safemap/detail/locked_table.hpp>
#include <safemap/reentry_guard.hpp>

namespace safemap {

template <class Key, class Value, class Hash = std::hash<Key>, class KeyEqual = std::equal_to<Key>,
          class Mutex = std::mutex>
class locked_map {
 public:
  using key_type = Key;
  using mapped_type = Value;
  using hasher = Hash;
  using key_equal = KeyEqual;

  // Named in reentrant_call messages.
  static constexpr std::string_view type_name = [] {
    if constexpr (std::same_as<Mutex, std::mutex>) return std::string_view{"safemap::mutex_map"};
    if constexpr (std::same_as<Mutex, std::shared_mutex>) {
      return std::string_view{"safemap::shared_mutex_map"};
    }
    return std::string_view{"safemap::locked_map"};
  }();

  locked_map() = default;
  locked_map(const locked_map&) = delete;
  locked_map& operator=(const locked_map&) = delete;

  std::optional<Value> find(const Key& key) const {
    reentry_guard guard{this, type_name, "find"};
    return table_.find(key);
  }

  bool contains(const Key& key) const {
    reentry_guard guard{this, type_name, "contains"};
    return table_.contains(key);
  }

  std::size_t size() const {
    reentry_guard guard{this, type_name, "size"};
    return table_.size();
  }

  bool empty() const { return size() == 0; }

  // Value by value: callers with a move-only Value pass std::move(value).
  bool insert(const Key& key, Value value) {
    reentry_guard guard{this, type_name, "insert"};
    return table_.insert(key, std::move(value));
  }

  bool insert_or_assign(const Key& key, Value value) {
    reentry_guard guard{this, type_name, "insert_or_assign"};
    return table_.insert_or_assign(key, std::move(value));
  }

  bool erase(const Key& key) {
    reentry_guard guard{this, type_name, "erase"};
    return table_.erase(key);
  }

  void clear() {
    reentry_guard guard{this, type_name, "clear"};
    table_.clear(table_.lock_for_writing());
  }

  template <class Mutate>
  bool update(const Key& key, Mutate&& mutate) {
    reentry_guard guard{this, type_name, "update"};
    return table_.update(key, mutate);
  }

  template <class Make, class Mutate>
  bool upsert(const Key& key, Make&& make, Mutate&& mutate) {
    reentry_guard guard{this, type_name, "upsert"};
    return table_.upsert(key, make, mutate);
  }

  template <class Visit>
  void for_each(Visit&& visit) const {
    reentry_guard guard{this, type_name, "for_each"};
    table_.for_each(table_.lock_for_reading(), visit);
  }

  std::unordered_map<Key, Value, Hash, KeyEqual> snapshot() const {
    reentry_guard guard{this, type_name, "snapshot"};
    return table_.snapshot();
  }

 private:
  detail::locked_table<Key, Value, Hash, KeyEqual, Mutex> table_;
};

}  // namespace safemap
