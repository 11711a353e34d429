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

#include <functional>
#include <utility>

#include <safemap/thread_annotations.hpp>

#include "support/locked_unordered_map.hpp"

namespace safemap::broken {

// Every operation of the correct locked map, except upsert.
template <class Key, class Value, class Hash = std::hash<Key>, class KeyEqual = std::equal_to<Key>>
class reserve_then_fill : public support::locked_unordered_map<Key, Value, Hash, KeyEqual> {
 public:
  template <class Make, class Mutate>
  bool upsert(const Key& key, Make&& make, Mutate&& mutate) {  // <- OPERATION
    safemap::lock_guard lock{this->mutex_};
    auto [where, added] = this->table_.try_emplace(key);  // <- BUG: the slot exists before its value
    if (added) {
      where->second = std::forward<Make>(make)();  // a throw here leaves Value{} behind
    } else {
      std::forward<Mutate>(mutate)(where->second);
    }
    return added;
  }
};

}  // namespace safemap::broken
