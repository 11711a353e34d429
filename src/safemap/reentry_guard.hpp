// safemap::reentry_guard — turns "a callback called back into its own map" from a silent
// deadlock into a safemap::reentrant_call exception.
//
// Why: update / upsert / for_each run a caller's callback while the map holds its guard (a lock,
// a read-side epoch, or the owner thread). A callback that calls the same map again waits for
// that guard, which its own thread holds: a hang that no test reports. Every public operation
// of every mutating variant therefore opens with
//     reentry_guard guard{this, "safemap::mutex_map", "insert"};
// before it takes any lock. The guard records, per thread, which maps that thread is inside, and
// throws when the thread is already inside this one.
//
// How: an intrusive stack of the calls the current thread is inside, linked through the guards
// themselves (they live on the stack of the operations that created them), with the innermost
// one in a thread_local pointer. No allocation; entering walks the (almost always empty) chain,
// so the cost is one thread_local load and store per operation (measured: docs/library.md).
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
    for (const reentry_guard* call = outer_; call != nullptr; call = call->outer_) {
      if (call->map_ == map_) throw reentrant_call{message(*call)};
    }
    innermost() = this;
  }

  ~reentry_guard() { innermost() = outer_; }

  reentry_guard(const reentry_guard&) = delete;
  reentry_guard& operator=(const reentry_guard&) = delete;

 private:
  static const reentry_guard*& innermost() {
    thread_local const reentry_guard* innermost_call = nullptr;
    return innermost_call;
  }

  std::string message(const reentry_guard& running) const {
    std::string text{map_type_};
    text.append("::").append(operation_).append("() called from inside a callback of ");
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
