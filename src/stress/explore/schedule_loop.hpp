// The loop of every exploration, whoever runs a schedule: explore() on a fresh scheduler in this
// process, safemap-explore as one process. It runs schedule `first`, `first + 1`, ... until a
// schedule stops it (it failed, say), or the schedules or the seconds of the budget run out (the
// first schedule always runs); a long exploration says how far it got every 5 s. Header only:
// safemap-explore uses it without the harness.
#pragma once

#include <chrono>
#include <concepts>
#include <cstdint>
#include <cstdio>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>

#include "stress/explore/variables.hpp"

namespace safemap::stress::explore {

struct schedule_range {
  std::uint64_t first = 0;
  std::uint64_t end = 0;  // one past the last
  double budget_s = 0;    // and at most this long

  // Schedule `only` alone (the replay), else schedules 0 to `schedules`.
  static schedule_range of(std::optional<std::uint64_t> only, std::uint64_t schedules,
                           double budget_s) {
    const std::uint64_t first = only.value_or(0);
    return {.first = first, .end = only ? first + 1 : schedules, .budget_s = budget_s};
  }
};

struct schedule_outcome {
  bool stops = false;         // the exploration ends with this schedule
  std::uint64_t escapes = 0;  // waits the scheduler does not model (schedule/scheduler.hpp)
};

struct loop_result {
  std::uint64_t schedules = 0;  // run
  std::uint64_t escapes = 0;    // over every schedule run
  std::optional<std::uint64_t> stopped_by;
};

// `who` names the explorer in its progress lines; `run(index)` runs schedule `index`.
template <class RunSchedule>
  requires std::same_as<std::invoke_result_t<RunSchedule&, std::uint64_t>, schedule_outcome>
loop_result run_schedules(const schedule_range& range, std::string_view who, RunSchedule&& run) {
  constexpr std::chrono::seconds progress_every{5};
  using clock = std::chrono::steady_clock;
  const auto began = clock::now();
  auto shown = began;
  loop_result result;
  for (std::uint64_t index = range.first; index < range.end; ++index) {
    const auto now = clock::now();
    const double elapsed = std::chrono::duration<double>(now - began).count();
    if (index > range.first && elapsed >= range.budget_s) break;
    if (now - shown >= progress_every) {
      shown = now;
      std::fprintf(stderr, "[%.*s] %llu schedules in %.0f s, %llu escapes\n",
                   static_cast<int>(who.size()), who.data(),
                   static_cast<unsigned long long>(result.schedules), elapsed,
                   static_cast<unsigned long long>(result.escapes));
    }
    const schedule_outcome outcome = run(index);
    ++result.schedules;
    result.escapes += outcome.escapes;
    if (outcome.stops) {
      result.stopped_by = index;
      break;
    }
  }
  return result;
}

// What an exploration that saw escapes says about them.
inline std::string escapes_warning(std::uint64_t escapes) {
  return std::to_string(escapes) +
         " escapes: a thread waited in a way the scheduler does not model and ran outside the "
         "schedule; these schedules may not replay";
}

// What an exploration says when atomics were no scheduling points (a check-then-act over two
// atomics then never interleaves): not in this build (`built` false), or turned off.
inline std::optional<std::string> atomics_note(bool built, bool on) {
  if (!built) {
    return "atomics are no scheduling points in this executable (safemap_use_atomic_points, or "
           "the tsan presets, make them)";
  }
  if (!on)
    return "atomics were no scheduling points (" + std::string{variable::atomic_points} + "=0)";
  return std::nullopt;
}

}  // namespace safemap::stress::explore
