// no_atomic_points: a scope whose atomic operations (and memory accesses, where those are points)
// are no scheduling points (atomic_hooks.cpp, points_runtime.cpp), for the harness's own code on a
// controlled thread; code_under_test: a scope inside one where they are points again, for the
// code the harness calls (an object's operation, object/run_scenario.hpp). The scheduler's (its
// spin lock, the turn words) run inside one for all a scheduling point does (tsan_invisible holds
// one), so a point never makes another; the controlled runtime's models take one around their own
// spin lock, which the scheduler also takes inside a point, to ask whether a waiter is ready.
#pragma once

namespace safemap::stress::schedule {

// Both scopes are entered and left from code compiled for scheduling points (an object's
// harness, object/run_scenario.hpp), where the thread-local `depth`, outside every stack, would
// be a memory point itself: they are compiled without the instrumentation.
class no_atomic_points {
 public:
  __attribute__((no_sanitize("thread"))) no_atomic_points() { ++depth; }
  no_atomic_points(const no_atomic_points&) = delete;
  no_atomic_points& operator=(const no_atomic_points&) = delete;
  __attribute__((no_sanitize("thread"))) ~no_atomic_points() { --depth; }

  // Whether the calling thread is inside such a scope.
  static bool inside() { return depth > 0; }

 private:
  friend class code_under_test;
  static inline thread_local unsigned depth = 0;
};

class code_under_test {
 public:
  __attribute__((no_sanitize("thread"))) code_under_test() : outer_depth_{no_atomic_points::depth} {
    no_atomic_points::depth = 0;
  }
  code_under_test(const code_under_test&) = delete;
  code_under_test& operator=(const code_under_test&) = delete;
  __attribute__((no_sanitize("thread"))) ~code_under_test() {
    no_atomic_points::depth = outer_depth_;
  }

 private:
  unsigned outer_depth_;
};

}  // namespace safemap::stress::schedule
