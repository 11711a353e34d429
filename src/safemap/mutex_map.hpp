// safemap::mutex_map — one std::mutex around one std::unordered_map.
//
// Thread safety: every operation takes the one mutex; all operations are linearizable.
// Exception safety: strong for insert / insert_or_assign / erase / upsert (std::unordered_map's
//   own guarantees); update() leaves whatever the callback left if it throws. The lock is always
//   released (RAII), so a throwing hash, copy or callback never leaves the map locked.
// Complexity: average O(1) per operation, plus waiting for the lock; for_each and snapshot are
//   O(n) with the lock held throughout.
// for_each: a locked traversal; the callback sees a consistent state, and writers wait.
// Choose it: the default. Simplest to reason about, fastest at low contention and for
//   write-heavy work; every reader waits for every other reader, so read-mostly work at many
//   threads wants shared_mutex_map or sharded_map instead.
#pragma once

#include <cstddef>
#include <functional>
#include <mutex>
#include <optional>
#include <unordered_map>
#include <utility>

namespace safemap {

template <class Key, class Value, class Hash = std::hash<Key>, class KeyEqual = std::equal_to<Key>>
class mutex_map {
 public:
  using key_type = Key;
  using mapped_type = Value;
  using hasher = Hash;
  using key_equal = KeyEqual;

  mutex_map() = default;
  mutex_map(const mutex_map&) = delete;
  mutex_map& operator=(const mutex_map&) = delete;

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
    std::lock_guard lock{mutex_};
    auto found = table_.find(key);
    if (found == table_.end()) {
      table_.emplace(key, std::forward<Make>(make)());
      return true;
    }
    std::forward<Mutate>(mutate)(found->second);
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

}  // namespace safemap
