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

#include <functional>
#include <optional>

#include <safemap/thread_annotations.hpp>

#include "support/locked_unordered_map.hpp"

namespace safemap::broken {

// Every operation of the correct locked map, except insert_or_assign; find, insert and erase
// are here only to carry the markers of the race's other side.
template <class Key, class Value, class Hash = std::hash<Key>, class KeyEqual = std::equal_to<Key>>
class temporary_lock_guard : public support::locked_unordered_map<Key, Value, Hash, KeyEqual> {
 public:
  std::optional<Value> find(const Key& key) const {
    safemap::lock_guard lock{this->mutex_};
    auto found = this->table_.find(key);  // <- PEER
    if (found == this->table_.end()) return std::nullopt;
    return found->second;  // <- PEER
  }
  bool insert(const Key& key, const Value& value) {
    safemap::lock_guard lock{this->mutex_};
    return this->table_.try_emplace(key, value).second;  // <- PEER
  }
  bool insert_or_assign(const Key& key, const Value& value) {
    safemap::lock_guard<safemap::mutex>{this->mutex_};  // <- BUG: a temporary, unlocked again at the semicolon
    return this->table_.insert_or_assign(key, value).second;  // <- BUG
  }
  bool erase(const Key& key) {
    safemap::lock_guard lock{this->mutex_};
    return this->table_.erase(key) > 0;  // <- PEER
  }
};

}  // namespace safemap::broken
