// safemap::broken::reserve_then_fill — upsert reserves the key's slot, then asks for the value.
//
// BUG: upsert() inserts the key with a default value (try_emplace), then calls make() to fill
//   it in. Every access is locked, so no sanitizer has anything to say; but when make() throws
//   (a failed allocation, a parse error, a cache loader that times out), the key stays in the map
//   with a value nobody made: the next reader finds a zero where there should be nothing. The
//   cache idiom `auto& slot = cache[key]; slot = load(key);` fails the same way.
//   The stress driver's fault mode (workload throwing_callbacks) throws from one callback in 16
//   and reads the key back: the report blames upsert (@OPERATION).
// Fails locally: one thread and one failed make() are enough, so a 2-thread normal run of the
//   fault mode finds it too; without the fault mode no test ever sees it.
// EXPECT invariant: unexpected key at @OPERATION
// RUN: --workload throwing_callbacks
// EXPECT invariant under controlled: unexpected key at @OPERATION
// RUN(controlled): --workload throwing_callbacks
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <unordered_map>
#include <utility>

#include <safemap/thread_annotations.hpp>

namespace safemap::broken {

template <class Key, class Value, class Hash = std::hash<Key>, class KeyEqual = std::equal_to<Key>>
class reserve_then_fill {
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
  bool upsert(const Key& key, Make&& make, Mutate&& mutate) {  // <- OPERATION
    safemap::lock_guard lock{mutex_};
    auto [where, added] = table_.try_emplace(key);  // <- BUG: the slot exists before its value
    if (added) {
      where->second = std::forward<Make>(make)();  // a throw here leaves Value{} behind
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
