#include "stress/explore/explore.hpp"

#include <sys/syscall.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <charconv>
#include <cstdio>
#include <cstdlib>
#include <string_view>
#include <thread>
#include <tuple>
#include <vector>

#include "stress/exit_code.hpp"
#include "stress/explore/deadlock_report.hpp"
#include "stress/explore/schedule_loop.hpp"
#include "stress/explore/variables.hpp"
#include "stress/mixed_seed.hpp"
#include "stress/replay_line.hpp"
#include "stress/schedule/futex.hpp"
#include "stress/schedule/scheduler.hpp"

namespace safemap::stress::explore {
namespace {

constexpr long progress_check_every_ns = 500'000'000;

// The settings are read before an exploration starts its threads; nothing sets the environment.
const char* setting(const char* variable) {
  return std::getenv(variable);  // NOLINT(concurrency-mt-unsafe): no thread runs yet
}

[[noreturn]] void refuse(std::string_view variable, std::string_view value, std::string_view why) {
  std::fprintf(stderr, "safemap explore: %.*s=%.*s: %.*s\n", static_cast<int>(variable.size()),
               variable.data(), static_cast<int>(value.size()), value.data(),
               static_cast<int>(why.size()), why.data());
  std::exit(exit_bad_usage);  // NOLINT(concurrency-mt-unsafe): no thread runs yet
}

// The variable's value as a whole number of at least `least`, or nothing when it is unset.
std::optional<std::uint64_t> whole_number(const char* variable, std::uint64_t least) {
  const char* text = setting(variable);
  if (text == nullptr) return std::nullopt;
  const std::string_view value{text};
  std::uint64_t number = 0;
  const auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), number);
  if (error != std::errc{} || end != value.data() + value.size() || value.empty()) {
    refuse(variable, value, "not a whole number");
  }
  if (number < least) refuse(variable, value, "must be at least " + std::to_string(least));
  return number;
}

// A variable of 0 or 1 into `on`, when it is set.
void read_switch(const char* variable, bool& on) {
  if (const auto value = whole_number(variable, 0)) {
    if (*value > 1) refuse(variable, setting(variable), "not 0 or 1");
    on = *value == 1;
  }
}

}  // namespace

exploration_settings settings_from_environment(exploration_settings defaults) {
  if (const char* strategy = setting(variable::strategy)) {
    const auto kind = schedule::schedule_named(strategy);
    if (!kind || *kind == schedule::schedule_kind::free) {
      refuse(variable::strategy, strategy, "not a controlled strategy (random, pct)");
    }
    defaults.kind = *kind;
  }
  if (const auto depth = whole_number(variable::depth, 1)) {
    defaults.pct_depth = static_cast<unsigned>(std::min<std::uint64_t>(*depth, 64));
  }
  if (const auto steps = whole_number(variable::pct_steps, 1)) defaults.pct_steps = *steps;
  if (const auto seed = whole_number(variable::seed, 0)) defaults.seed = *seed;
  if (const auto count = whole_number(variable::schedules, 1)) defaults.schedules = *count;
  if (const auto seconds = whole_number(variable::budget_s, 1)) {
    defaults.budget_s = static_cast<double>(*seconds);
  }
  if (const auto only = whole_number(variable::schedule, 0)) defaults.only_schedule = only;
  read_switch(variable::spurious_wakeups, defaults.spurious_wakeups);
  read_switch(variable::atomic_points, defaults.atomic_points);
  read_switch(variable::memory_points, defaults.memory_points);
  return defaults;
}

std::string replay_environment(const exploration_settings& settings, std::uint64_t index,
                               std::uint64_t pct_steps) {
  std::string assignments;
  for (const auto& assignment : variable::replay_assignments(
           schedule::name_of(settings.kind), settings.pct_depth, pct_steps, settings.seed, index,
           settings.spurious_wakeups, settings.atomic_points, settings.memory_points)) {
    assignments += (assignments.empty() ? "" : " ") + assignment;
  }
  return assignments;
}

schedule::scheduler::deadlock_handler deadlock_handler(const exploration_settings& settings,
                                                       std::uint64_t index, std::string replay) {
  return [&settings, index, replay = std::move(replay)](std::vector<std::string> why) {
    if (settings.describe_schedule) {
      for (auto& line : settings.describe_schedule(index)) why.push_back(std::move(line));
    }
    why.push_back("schedule " + std::to_string(index) + " of " +
                  std::string{schedule::name_of(settings.kind)} + " exploration seed " +
                  std::to_string(settings.seed));
    why.push_back("replay: " + replay);
    report_deadlock(std::move(why));
  };
}

exploration_result explore(const exploration_settings& settings, const std::function<void()>& body,
                           const std::function<bool()>& failed) {
  return explore(settings, [&body](std::uint64_t /*schedule*/) { body(); }, failed);
}

exploration_result explore(const exploration_settings& settings,
                           const std::function<void(std::uint64_t schedule)>& body,
                           const std::function<bool()>& failed) {
  if (settings.memory_points && !schedule::memory_points_built()) {
    refuse(variable::memory_points, "1",
           "memory accesses are no scheduling points in this executable (g++ builds make them "
           "with safemap_use_atomic_points)");
  }
  prepare_deadlock_reports();
  exploration_result result;
  const schedule::exploration_scope running;
  const auto uncontrolled_before = schedule::uncontrolled_so_far();
  const auto range =
      schedule_range::of(settings.only_schedule, settings.schedules, settings.budget_s);
  std::uint64_t pct_steps = settings.pct_steps;
  const auto explored = run_schedules(range, "safemap explore", [&](std::uint64_t index) {
    std::string replay = settings.outer_replay.value_or(
        replay_environment(settings, index, pct_steps) + " " + settings.replay_command);
    // A sanitizer ends the process on its report, before the loop could name the schedule.
    set_replay_line(replay);
    schedule::scheduler controller{{.kind = settings.kind,
                                    .pct_depth = settings.pct_depth,
                                    .spurious_wakeups = settings.spurious_wakeups,
                                    .no_progress_after = settings.no_progress_after,
                                    .atomic_points = settings.atomic_points,
                                    .memory_points = settings.memory_points},
                                   1,
                                   pct_steps,
                                   mixed(settings.seed, index),
                                   deadlock_handler(settings, index, replay)};
    if (settings.on_switch) controller.observe_switches(settings.on_switch);
    std::atomic<std::uint32_t> body_returned{0};
    std::thread controlled{[&] {
      {
        const schedule::scheduler::seat seat{&controller, 0};
        body(index);
      }
      body_returned.store(1);
      schedule::futex_wake(body_returned);
    }};
    // A thread alone in an endless loop has no waiting thread to notice it: this one looks.
    while (body_returned.load() == 0) {
      schedule::futex_wait(body_returned, 0, progress_check_every_ns);
      if (body_returned.load() == 0) controller.check_progress();
    }
    controlled.join();
    controller.wait_until_all_finished();
    const bool stops = failed();
    if (stops) {
      result.replay = std::move(replay);
      result.failed_pct_steps = pct_steps;
    }
    pct_steps = std::max<std::uint64_t>(1, controller.steps());
    return schedule_outcome{.stops = stops, .escapes = controller.escapes()};
  });
  set_replay_line({});
  result.schedules = explored.schedules;
  result.escapes = explored.escapes;
  result.failed_schedule = explored.stopped_by;
  result.uncontrolled_calls = schedule::uncontrolled_so_far().since(uncontrolled_before);
  return result;
}

}  // namespace safemap::stress::explore
