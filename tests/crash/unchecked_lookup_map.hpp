// safemap::crash_fixture::unchecked_lookup_map: a component that crashes in a normal build, so the
// crash test can prove the stress driver reports a crash located at its line
// (src/stress/watchdog/crash_report.hpp). Not a concurrency bug: find() dereferences the lookup of
// a key that is not there, as code does that "knows" every key it asks for was inserted. The
// workers' first miss dies of SIGSEGV; the finding must be a SafemapCrash "segmentation fault" at
// the line marked CRASH, in a worker thread's stack.
// EXPECT crash: segmentation fault at @CRASH
// RUN: --workload erase_churn
#pragma once

#include <functional>
#include <optional>
#include <safemap/mutex_map.hpp>

namespace safemap::crash_fixture {

template <class Key, class Value, class Hash = std::hash<Key>, class KeyEqual = std::equal_to<Key>>
class unchecked_lookup_map : public mutex_map<Key, Value, Hash, KeyEqual> {
 public:
  std::optional<Value> find(const Key& key) const {
    const std::optional<Value> found = mutex_map<Key, Value, Hash, KeyEqual>::find(key);
    // volatile: the optimizer may not assume the pointer is set and drop the crash.
    const Value* volatile value = found ? &*found : nullptr;
    return *value;  // <- CRASH: null for a missing key
  }
};

}  // namespace safemap::crash_fixture
