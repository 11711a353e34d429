// safemap::broken::support::locked_unordered_map — a correct map (one mutex, every operation
// under it) with its lock and table open to derived classes, for planted bugs that get one
// operation wrong inside the lock: the variant overrides that operation and inherits the rest.
// (check_then_* derive from safemap::mutex_map instead: their bugs need only the public API.)
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <unordered_map>
#include <utility>

#include <safemap/thread_annotations.hpp>

namespace safemap::broken::support {

template <class Key, class Value, class Hash = std::hash<Key>, class KeyEqual = std::equal_to<Key>>
class locked_unordered_map {
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
    return table_.try_emplace(key, value).second;
  }
  bool insert_or_assign(const Key& key, const Value& value) {
    safemap::lock_guard lock{mutex_};
    return table_.insert_or_assign(key, value).second;
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
    safemap::lock_guard lock{mutex_};
    for (const auto& [key, value] : table_) visit(key, value);
  }
  std::unordered_map<Key, Value, Hash, KeyEqual> snapshot() const {
    safemap::lock_guard lock{mutex_};
    return table_;
  }

 protected:
  mutable safemap::mutex mutex_;
  std::unordered_map<Key, Value, Hash, KeyEqual> table_ SAFEMAP_GUARDED_BY(mutex_);
};

}  // namespace safemap::broken::support
