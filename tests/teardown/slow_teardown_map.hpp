// safemap::teardown_fixture::slow_teardown_map: a correct map whose destructor takes longer than
// the watchdog period but finishes, as a copy-on-write map's does when it frees many retired
// tables. The watchdog once called that silence a "deadlock" at the destructor; the teardown
// test expects no finding at all.
#pragma once

#include <chrono>
#include <functional>
#include <safemap/mutex_map.hpp>
#include <thread>

namespace safemap::teardown_fixture {

// The teardown test runs with --watchdog 1: twice that, well under the teardown limit.
inline constexpr std::chrono::seconds slow_teardown{2};

template <class Key, class Value, class Hash = std::hash<Key>, class KeyEqual = std::equal_to<Key>>
class slow_teardown_map : public mutex_map<Key, Value, Hash, KeyEqual> {
 public:
  slow_teardown_map() = default;
  slow_teardown_map(const slow_teardown_map&) = delete;
  slow_teardown_map& operator=(const slow_teardown_map&) = delete;
  ~slow_teardown_map() { std::this_thread::sleep_for(slow_teardown); }
};

}  // namespace safemap::teardown_fixture
