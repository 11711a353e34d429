// safemap::broken::temporary_lock_guard — a lock guard that is a temporary.
//
// BUG: insert_or_assign() writes `safemap::lock_guard<safemap::mutex>{mutex_};`, an unnamed temporary
//   that locks and unlocks on the same line — so the assignment after it runs unlocked. The
//   code reads as locked, review passes it, and every test on one or two threads is green.
//   (The mirror image of a forgotten unlock, which blocks every later caller: here the unlock
//   comes before the write it guards.) ThreadSanitizer may name either side of the race: the
//   unlocked write (@BUG) or a locked operation on the same table (@PEER).
//   The lock/unlock right before the write still orders it after earlier operations, so only
//   a write that really overlaps another thread's operation is seen: the write-heavy workload
//   gives it the most chances (read_heavy: 1/10 runs at 4 threads; write_heavy: 6/6).
// Works locally: the unlocked window is a few instructions long.
// Static: clang-tidy's bugprone-unused-raii names the temporary; the analysis, the write after it.
// EXPECT static: bugprone-unused-raii at @BUG
// EXPECT tsan: data race at @BUG|@PEER
// RUN: --workload write_heavy
// EXPECT tsan under controlled: data race at @BUG|@PEER
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
class temporary_lock_guard {
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
    return table_.try_emplace(key, value).second;  // <- PEER
  }
  bool insert_or_assign(const Key& key, const Value& value) {
    safemap::lock_guard<safemap::mutex>{mutex_};  // <- BUG: a temporary, unlocked again at the semicolon
    return table_.insert_or_assign(key, value).second;  // <- BUG
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
