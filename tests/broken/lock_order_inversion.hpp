// safemap::broken::lock_order_inversion — a map and its access statistics, each with a lock,
// locked in opposite orders.
//
// BUG: find() records the hit under the statistics lock and then takes the table lock;
//   insert_or_assign() takes the table lock and then the statistics lock to reset the entry's
//   hits. Two threads each holding their first lock wait for each other forever (ABBA): the
//   locks added to fix a race bring their own failure mode, most often a deadlock.
//   ThreadSanitizer reports the inverted order as soon as both orders have run, deadlock or not:
//   at a second acquisition (@BUG). Without it the deadlock itself is found by the watchdog,
//   whose first stack waits at one of the four acquisitions (@BUG or @FIRST).
// Works locally: two threads seldom take the two locks at the same moment.
// Static: hits_mutex_ is SAFEMAP_ACQUIRED_AFTER(mutex_): find()'s order is rejected.
// EXPECT static: must be acquired before at @BUG
// EXPECT tsan: lock-order-inversion (potential deadlock) at @BUG
// EXPECT watchdog(default,asan): deadlock at @BUG|@FIRST
// RUN: --workload read_heavy --ops 100000
// EXPECT watchdog(default,asan) under controlled: deadlock at @BUG|@FIRST
// EXPECT tsan under controlled: lock-order-inversion (potential deadlock) at @BUG
// RUN(controlled): --workload read_heavy
//   A controlled schedule sees the deadlock the moment both threads wait: at once, without the
//   watchdog's 5 s of silence.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <unordered_map>

#include <safemap/thread_annotations.hpp>

#include "support/locked_unordered_map.hpp"

namespace safemap::broken {

// Every operation of the correct locked map, except find and insert_or_assign, which also
// keep access statistics under a second lock.
template <class Key, class Value, class Hash = std::hash<Key>, class KeyEqual = std::equal_to<Key>>
class lock_order_inversion : public support::locked_unordered_map<Key, Value, Hash, KeyEqual> {
 public:
  std::optional<Value> find(const Key& key) const {
    safemap::lock_guard hits_lock{hits_mutex_};  // <- FIRST
    ++hits_[key];
    safemap::lock_guard table_lock{this->mutex_};  // <- BUG: table after hits; insert_or_assign: hits after table
    auto found = this->table_.find(key);
    if (found == this->table_.end()) return std::nullopt;
    return found->second;
  }
  bool insert_or_assign(const Key& key, const Value& value) {
    safemap::lock_guard table_lock{this->mutex_};  // <- FIRST
    safemap::lock_guard hits_lock{hits_mutex_};  // <- BUG
    hits_[key] = 0;
    return this->table_.insert_or_assign(key, value).second;
  }

 private:
  mutable safemap::mutex hits_mutex_ SAFEMAP_ACQUIRED_AFTER(this->mutex_);
  mutable std::unordered_map<Key, std::uint64_t, Hash, KeyEqual> hits_ SAFEMAP_GUARDED_BY(hits_mutex_);
};

}  // namespace safemap::broken
