// safemap::broken::reference_escapes — references to entries leave the lock.
//
// BUG: for_each() must not call user code under the lock (a callback that calls back into the
//   map would deadlock), so it collects pointers to the entries under the lock, releases it, and
//   visits afterwards. Another thread erases an entry in between, its node is freed, and the
//   visit reads freed memory (@BUG). The same shape as returning `const V&` from a locked getter.
//   A reader that keeps a pointer into the map after the lock is gone follows it to freed memory.
// Works locally: with 2 threads an erase seldom lands inside the walk.
// EXPECT asan: heap-use-after-free at @BUG
// RUN: --workload iterate_while_writing
// EXPECT asan under controlled: heap-use-after-free at @BUG
// RUN(controlled): --workload iterate_while_writing
#pragma once

#include <cstddef>
#include <functional>
#include <mutex>
#include <optional>
#include <unordered_map>
#include <utility>
#include <vector>

namespace safemap::broken {

template <class Key, class Value, class Hash = std::hash<Key>, class KeyEqual = std::equal_to<Key>>
class reference_escapes {
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
    std::lock_guard lock{mutex_};
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
    for (const auto* entry : entries()) {
      const auto [key, value] = *entry;  // <- BUG: the entry may have been erased since
      visit(key, value);
    }
  }
  std::unordered_map<Key, Value, Hash, KeyEqual> snapshot() const {
    std::lock_guard lock{mutex_};
    return table_;
  }

 private:
  // Pointers into the table, valid only while the lock is held — and it is released at return.
  std::vector<const std::pair<const Key, Value>*> entries() const {
    std::lock_guard lock{mutex_};
    std::vector<const std::pair<const Key, Value>*> all;
    all.reserve(table_.size());
    for (const auto& entry : table_) all.push_back(&entry);
    return all;
  }

  mutable std::mutex mutex_;
  std::unordered_map<Key, Value, Hash, KeyEqual> table_;
};

}  // namespace safemap::broken
