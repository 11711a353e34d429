// safemap::broken::size_counter_outside_lock — the table is locked, its element count is not.
//
// BUG: size() is called often, so the map keeps its own count and reads it without the lock;
//   the count is updated after the locked section ("it is just an integer"). Concurrent
//   increments and decrements of a plain integer lose updates, and size() drifts from the truth.
//   Go's concurrent map writes in miniature: shared state written without synchronization.
// Works locally: 2 threads rarely update the count at the same instant. Even the production
//   profile of a normal build shows the drift ("wrong size") in only about 27 of 29 runs on 2
//   cores, too few for an expectation: ThreadSanitizer is the detector that always sees it.
// Static: the count is SAFEMAP_GUARDED_BY(mutex_), so the analysis rejects every unlocked use.
// EXPECT static: requires holding mutex 'mutex_' at @BUG
// EXPECT tsan: data race at @BUG
// RUN: --workload write_heavy
// EXPECT tsan under controlled: data race at @BUG
// RUN(controlled): --workload write_heavy
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <unordered_map>
#include <utility>

#include <safemap/thread_annotations.hpp>

namespace safemap::broken {

template <class Key, class Value, class Hash = std::hash<Key>, class KeyEqual = std::equal_to<Key>>
class size_counter_outside_lock {
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
  std::size_t size() const { return count_; }  // <- BUG: unlocked read
  bool empty() const { return size() == 0; }

  bool insert(const Key& key, const Value& value) {
    return counted(locked([&] { return table_.try_emplace(key, value).second; }));
  }
  bool insert_or_assign(const Key& key, const Value& value) {
    return counted(locked([&] { return table_.insert_or_assign(key, value).second; }));
  }
  bool erase(const Key& key) {
    const bool erased = locked([&] { return table_.erase(key) > 0; });
    if (erased) --count_;  // <- BUG: unlocked write
    return erased;
  }
  void clear() {
    locked([&] { table_.clear(); });
    count_ = 0;  // <- BUG: unlocked write
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
    return counted(locked([&] {
      auto [where, added] = table_.try_emplace(key);
      if (added) {
        where->second = std::forward<Make>(make)();
      } else {
        std::forward<Mutate>(mutate)(where->second);
      }
      return added;
    }));
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
  template <class Action>
  auto locked(Action&& action) {
    safemap::lock_guard lock{mutex_};
    return action();
  }
  bool counted(bool added) {
    if (added) ++count_;  // <- BUG: unlocked write
    return added;
  }

  mutable safemap::mutex mutex_;
  std::unordered_map<Key, Value, Hash, KeyEqual> table_;
  std::size_t count_ SAFEMAP_GUARDED_BY(mutex_) = 0;
};

}  // namespace safemap::broken
