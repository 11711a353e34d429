// explore/: any code under many controlled schedules, and which schedule fails
//
// explore() runs a test body once per schedule, each time on a fresh scheduler with the body
// on a controlled thread of its own. In an executable linked with safemap::controlled_runtime
// every thread the body starts, every lock, condition variable, join, yield and sleep in it is
// a scheduling point (schedule/scheduler.hpp), whichever library makes the call. Schedule i of
// an exploration is a function of (seed, i): the replay runs schedule i alone.
//
// It stops at the first schedule after which `failed()` holds (a GoogleTest failure, say: see
// gtest.hpp), or when the schedules or the seconds of the budget run out (schedule_loop.hpp, the
// loop safemap-explore runs too). A deadlock (every controlled thread waits: for a lock, a
// condition variable nobody will signal, a thread) is reported at once in the report form, with
// who waits for what, the stacks of every thread and the replay command, and ends the process
// with exit_no_progress. Memory points asked for in an executable that cannot make them end it
// with a message and exit_bad_usage before the first schedule: never a run that quietly lacks
// them.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "stress/explore/variables.hpp"
#include "stress/schedule/scheduler.hpp"
#include "stress/schedule/strategy.hpp"
#include "stress/schedule/uncontrolled.hpp"

namespace safemap::stress::explore {

struct exploration_settings {
  schedule::schedule_kind kind = schedule::schedule_kind::pct;
  unsigned pct_depth = 3;
  bool spurious_wakeups = false;  // schedule_settings::spurious_wakeups
  bool atomic_points = true;      // schedule_settings::atomic_points
  bool memory_points = false;     // schedule_settings::memory_points
  std::chrono::milliseconds no_progress_after = schedule::schedule_settings{}.no_progress_after;
  std::uint64_t seed = 1;
  std::uint64_t schedules = 1000;                // at most this many schedules
  double budget_s = 2;                           // and at most this long
  std::optional<std::uint64_t> only_schedule{};  // replay: schedule i alone
  // PCT's k for the first schedule (variable::pct_steps): each later one takes the steps the
  // schedule before it made, so the change points fall among the points a round of this body
  // really makes.
  std::uint64_t pct_steps = variable::default_pct_steps;
  // How to run this exploration again (the test's command line); the replay line adds the
  // schedule to it.
  std::string replay_command{};
  // Set for a search run inside another exploration's schedule (shrinking an object's scenario
  // reruns smaller ones): whichever schedule of this one fails, that outer schedule's replay
  // command is the one to print, since it finds this search again.
  std::optional<std::string> outer_replay{};
  // What schedule i runs, for a deadlock's report (an object's scenario, say); may be empty.
  std::function<std::vector<std::string>(std::uint64_t)> describe_schedule{};
  // Told of every switch of every schedule (schedule::scheduler::observe_switches); may be empty.
  schedule::scheduler::switch_observer on_switch{};
};

struct exploration_result {
  std::uint64_t schedules = 0;                   // run
  std::optional<std::uint64_t> failed_schedule;  // the first after which failed() held
  std::uint64_t escapes = 0;                     // over every schedule run
  // Calls of a modelled primitive by threads outside the schedule (schedule/uncontrolled.hpp).
  schedule::uncontrolled_counts uncontrolled_calls{};
  std::string replay;                  // the failed schedule's replay command
  std::uint64_t failed_pct_steps = 0;  // PCT's k of the failed schedule
};

// Reads the settings' variables (variables.hpp: strategy, depth, seed, schedules, budget,
// schedule, spurious wakeups and atomic points) over `defaults`; a value it cannot use ends the
// process with a message and exit_bad_usage.
exploration_settings settings_from_environment(exploration_settings defaults);

// The environment assignments that make settings_from_environment() give schedule `index` of
// `settings` alone, which took PCT's k `pct_steps`.
std::string replay_environment(const exploration_settings& settings, std::uint64_t index,
                               std::uint64_t pct_steps);

// What a deadlock in schedule `index` reports (deadlock_report.hpp), with the schedule and its
// replay command; `settings` must outlive the handler.
schedule::scheduler::deadlock_handler deadlock_handler(const exploration_settings& settings,
                                                       std::uint64_t index, std::string replay);

exploration_result explore(const exploration_settings& settings, const std::function<void()>& body,
                           const std::function<bool()>& failed);

// The same, for a body that depends on the schedule's index (which scenario to run, say).
exploration_result explore(const exploration_settings& settings,
                           const std::function<void(std::uint64_t schedule)>& body,
                           const std::function<bool()>& failed);

}  // namespace safemap::stress::explore
