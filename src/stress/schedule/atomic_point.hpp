// atomic_point: the scheduling point made before each atomic operation of a controlled thread,
// by the hooks that see the operation (atomic_hooks.cpp in tsan builds, points_runtime.cpp in
// builds without a sanitizer). None on a thread outside the schedule, inside the harness's own
// atomics (no_atomic_points), or with schedule_settings::atomic_points off.
#pragma once

#include "stress/schedule/no_atomic_points.hpp"
#include "stress/schedule/scheduler.hpp"

namespace safemap::stress::schedule {

inline void atomic_point() {
  scheduler* const owner = current_scheduler;
  if (owner == nullptr || no_atomic_points::inside() || !owner->atomic_points()) return;
  owner->point();
}

}  // namespace safemap::stress::schedule
