// safemap::teardown_fixture::hung_teardown_map: a map whose destructor never returns: it waits
// for a background flush that was never started. A teardown that really hangs is still a
// finding, after the longer teardown limit: the test expects a SafemapWatchdog
// "teardown deadlock" at the line marked HANG.
#pragma once

#include <condition_variable>
#include <functional>
#include <mutex>
#include <safemap/mutex_map.hpp>

namespace safemap::teardown_fixture {

template <class Key, class Value, class Hash = std::hash<Key>, class KeyEqual = std::equal_to<Key>>
class hung_teardown_map : public mutex_map<Key, Value, Hash, KeyEqual> {
 public:
  hung_teardown_map() = default;
  hung_teardown_map(const hung_teardown_map&) = delete;
  hung_teardown_map& operator=(const hung_teardown_map&) = delete;
  ~hung_teardown_map() {
    std::unique_lock lock{flush_mutex_};
    flushed_.wait(lock, [this] { return flush_done_; });  // <- HANG: nobody ever flushes
  }

 private:
  std::mutex flush_mutex_;
  std::condition_variable flushed_;
  bool flush_done_ = false;
};

}  // namespace safemap::teardown_fixture
