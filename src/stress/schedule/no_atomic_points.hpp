// no_atomic_points: a scope whose atomic operations are no scheduling points (atomic_hooks.cpp),
// for the harness's own atomics on a controlled thread. The scheduler's (its spin lock, the turn
// words) run inside one for all a scheduling point does (tsan_invisible holds one), so a point
// never makes another; the controlled runtime's models take one around their own spin lock,
// which the scheduler also takes inside a point, to ask whether a waiter is ready.
#pragma once

namespace safemap::stress::schedule {

class no_atomic_points {
 public:
  no_atomic_points() { ++depth; }
  no_atomic_points(const no_atomic_points&) = delete;
  no_atomic_points& operator=(const no_atomic_points&) = delete;
  ~no_atomic_points() { --depth; }

  // Whether the calling thread is inside such a scope.
  static bool inside() { return depth > 0; }

 private:
  static inline thread_local unsigned depth = 0;
};

}  // namespace safemap::stress::schedule
