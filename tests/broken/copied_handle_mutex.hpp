// safemap::broken::copied_handle_mutex — a cheap-to-copy handle whose copies share one table
// but each lock their own mutex.
//
// BUG: the handle holds the table by shared_ptr and the mutex by value. std::mutex cannot be
//   copied, so the copy constructor "fixes the compile error" by giving each copy a fresh mutex
//   (@BUG) — and every thread that received the handle by value now locks a mutex nobody else
//   uses. The C++ form of Go's value receiver that copies the sync.Mutex with the struct: each
//   call locks its own copy of the lock, and the map the copies share stays unprotected.
//   Every table access is then a race between copies (@RACE).
// Works locally: code that passes one handle by reference (as the local test did) is fine.
// Fails locally: the harness hands every thread its own copy, as production code did, so every
//   write races even at 2 threads; the gap is between the field's by-reference local test and
//   production, not between thread counts.
// EXPECT tsan: data race at @RACE
// RUN: --workload write_heavy
// EXPECT tsan under controlled: data race at @RACE
// RUN(controlled): --workload write_heavy
// EXPECT invariant under controlled_memory: lost update at @UPSERT
// RUN(controlled_memory): --workload hot_key_counters
#pragma once

#include <cstddef>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <unordered_map>
#include <utility>

namespace safemap::broken {

template <class Key, class Value, class Hash = std::hash<Key>, class KeyEqual = std::equal_to<Key>>
class copied_handle_mutex {
 public:
  using key_type = Key;
  using mapped_type = Value;
  using hasher = Hash;
  using key_equal = KeyEqual;
  using table_type = std::unordered_map<Key, Value, Hash, KeyEqual>;

  // Copies are handles to the same table; the stress driver hands one copy to each thread.
  static constexpr bool copies_share_state = true;

  copied_handle_mutex() = default;
  copied_handle_mutex(const copied_handle_mutex& other) : table_{other.table_} {}  // <- BUG: new mutex
  copied_handle_mutex& operator=(const copied_handle_mutex&) = delete;

  std::optional<Value> find(const Key& key) const {
    std::lock_guard lock{mutex_};
    auto found = table_->find(key);  // <- RACE
    if (found == table_->end()) return std::nullopt;
    return found->second;  // <- RACE
  }
  bool contains(const Key& key) const {
    std::lock_guard lock{mutex_};
    return table_->contains(key);  // <- RACE
  }
  std::size_t size() const {
    std::lock_guard lock{mutex_};
    return table_->size();  // <- RACE
  }
  bool empty() const { return size() == 0; }

  bool insert(const Key& key, const Value& value) {
    std::lock_guard lock{mutex_};
    return table_->try_emplace(key, value).second;  // <- RACE
  }
  bool insert_or_assign(const Key& key, const Value& value) {
    std::lock_guard lock{mutex_};
    return table_->insert_or_assign(key, value).second;  // <- RACE
  }
  bool erase(const Key& key) {
    std::lock_guard lock{mutex_};
    return table_->erase(key) > 0;  // <- RACE
  }
  void clear() {
    std::lock_guard lock{mutex_};
    table_->clear();  // <- RACE
  }

  template <class Mutate>
  bool update(const Key& key, Mutate&& mutate) {
    std::lock_guard lock{mutex_};
    auto found = table_->find(key);  // <- RACE
    if (found == table_->end()) return false;
    std::forward<Mutate>(mutate)(found->second);  // <- RACE
    return true;
  }
  template <class Make, class Mutate>
  bool upsert(const Key& key, Make&& make, Mutate&& mutate) {  // <- UPSERT
    std::lock_guard lock{mutex_};
    auto [where, added] = table_->try_emplace(key);  // <- RACE
    if (added) {
      where->second = std::forward<Make>(make)();  // <- RACE
    } else {
      std::forward<Mutate>(mutate)(where->second);  // <- RACE
    }
    return added;
  }

  template <class Visit>
  void for_each(Visit&& visit) const {
    std::lock_guard lock{mutex_};
    for (const auto& [key, value] : *table_) visit(key, value);  // <- RACE
  }
  table_type snapshot() const {
    std::lock_guard lock{mutex_};
    return *table_;  // <- RACE
  }

 private:
  mutable std::mutex mutex_;
  std::shared_ptr<table_type> table_ = std::make_shared<table_type>();
};

}  // namespace safemap::broken
