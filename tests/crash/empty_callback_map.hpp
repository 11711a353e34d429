// safemap::crash_fixture::empty_callback_map: a component whose writes call a change callback
// that was never set, so the crash test can prove an uncaught exception is reported with the
// throwing line (src/stress/watchdog/crash_report.hpp). Calling an empty std::function throws
// std::bad_function_call; nothing catches it, and std::terminate ends the process, which said
// only "terminate called after throwing an instance of 'std::bad_function_call'" before the
// crash report. The finding must be a SafemapCrash "uncaught exception" at the line marked CRASH.
// EXPECT crash: uncaught exception at @CRASH
// RUN: --workload write_heavy
#pragma once

#include <functional>
#include <safemap/mutex_map.hpp>
#include <utility>

namespace safemap::crash_fixture {

template <class Key, class Value, class Hash = std::hash<Key>, class KeyEqual = std::equal_to<Key>>
class empty_callback_map : public mutex_map<Key, Value, Hash, KeyEqual> {
 public:
  bool insert_or_assign(const Key& key, Value value) {
    on_change_(key);  // <- CRASH: std::bad_function_call, on_change_ is empty
    return mutex_map<Key, Value, Hash, KeyEqual>::insert_or_assign(key, std::move(value));
  }

 private:
  std::function<void(const Key&)> on_change_;
};

}  // namespace safemap::crash_fixture
