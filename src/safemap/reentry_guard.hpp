// safemap::reentry_guard — turns "a callback called back into its own map" from a silent
// deadlock into a safemap::reentrant_call exception.
//
// Why: update / upsert / for_each run a caller's callback while the map holds its guard (a lock,
// a read-side epoch, or the owner thread). A callback that calls the same map again waits for
// that guard, which its own thread holds: a hang that no test reports. Every public operation
// of every mutating variant therefore opens with
//     reentry_guard guard{this, "safemap::mutex_map", "insert"};
// before it takes any lock (lookups call reentry_guard::check instead: they run no callback,
// so nothing needs to know they are running). The guard records, per thread, which maps that
// thread is inside, and throws when the thread is already inside this one.
//
// How: an intrusive stack of the calls the current thread is inside, linked through the guards
// themselves (they live on the stack of the operations that created them), with the innermost
// one in a thread_local pointer. No allocation; entering walks the (almost always empty) chain,
// so the cost is one thread_local load and two stores per operation, one load per lookup
// (measured: docs/library.md).
// Calling a *different* map from a callback is allowed; lock ordering between maps is the
// caller's business, as it is for any two mutexes.
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>

namespace safemap {

// Thrown when a callback passed to a map operation calls back into the same map.
// A logic_error: the program is wrong, not the environment; the map is still usable.
class reentrant_call : public std::logic_error {
 public:
  using std::logic_error::logic_error;
};

class reentry_guard {
 public:
  // map: identity of the map (its address); map_type, operation: for the message only, string
  // literals (they must outlive the guard).
  reentry_guard(const void* map, std::string_view map_type, std::string_view operation)
      : map_{map}, map_type_{map_type}, operation_{operation}, outer_{innermost()} {
    throw_if_inside(outer_, map, map_type, operation);
    innermost() = this;
  }

  // For lookups (find, contains), which run no callback of the caller's: throws as a guard
  // would, but registers nothing, since nothing can call back from inside them (Hash and
  // KeyEqual must be pure functions). One thread_local load instead of a load and two stores,
  // on the operation lock-free readers make most.
  static void check(const void* map, std::string_view map_type, std::string_view operation) {
    throw_if_inside(innermost(), map, map_type, operation);
  }

  ~reentry_guard() { innermost() = outer_; }

  reentry_guard(const reentry_guard&) = delete;
  reentry_guard& operator=(const reentry_guard&) = delete;

 private:
  static const reentry_guard*& innermost() {
    thread_local const reentry_guard* innermost_call = nullptr;
    return innermost_call;
  }

  static void throw_if_inside(const reentry_guard* innermost_call, const void* map,
                              std::string_view map_type, std::string_view operation) {
    for (const reentry_guard* call = innermost_call; call != nullptr; call = call->outer_) {
      if (call->map_ == map) [[unlikely]]
        throw reentrant_call{message(map_type, operation, *call)};
    }
  }

  static std::string message(std::string_view map_type, std::string_view operation,
                             const reentry_guard& running) {
    std::string text{map_type};
    text.append("::").append(operation).append("() called from inside a callback of ");
    text.append(running.map_type_).append("::").append(running.operation_);
    text.append(
        "() on the same map; a callback must not call back into the map running it "
        "(it would deadlock). Collect what you need and call the map after the "
        "callback returns.");
    return text;
  }

  const void* map_;
  std::string_view map_type_;
  std::string_view operation_;
  const reentry_guard* outer_;
};

}  // namespace safemap
