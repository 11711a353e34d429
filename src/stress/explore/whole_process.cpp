// One schedule of a whole test executable (safemap-explore, docs/explore.md): when the variable
// `process` is set (variables.hpp), the controlled runtime seats the main thread before main()
// runs, so every thread the program starts, and every lock, condition variable, join, yield and
// sleep of them all, is under one scheduler. The schedule is `schedule` of the exploration the
// other settings' variables describe (explore.hpp). At exit the main thread leaves its seat and
// the schedule's counts go to the file `summary` names, as JSON; safemap-explore reads them, and
// takes a missing file for an executable that does not carry this runtime.
#include <cstdlib>
#include <fstream>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "stress/explore/deadlock_report.hpp"
#include "stress/explore/explore.hpp"
#include "stress/explore/variables.hpp"
#include "stress/mixed_seed.hpp"
#include "stress/schedule/scheduler.hpp"

namespace safemap::stress::explore {
namespace {

// Read before main() and at exit, when no other thread sets the environment.
const char* process_setting(const char* variable) {
  return std::getenv(variable);  // NOLINT(concurrency-mt-unsafe): nothing sets it meanwhile
}

struct process_schedule {
  exploration_settings settings;
  std::uint64_t index = 0;
  std::optional<schedule::scheduler> controller;
  std::optional<schedule::scheduler::seat> main_seat;
};

// Made before main() and never destroyed: threads may outlive the static destructors.
process_schedule* running = nullptr;

void leave_and_summarize() {
  running->main_seat.reset();
  const char* summary_path = process_setting(variable::summary);
  if (summary_path == nullptr) return;
  const auto& controller = *running->controller;
  const nlohmann::json summary{
      {"schedule", running->index},
      {"steps", controller.steps()},
      {"switches", controller.switches()},
      {"escapes", controller.escapes()},
      {"atomic_points", schedule::atomic_points_built() && running->settings.atomic_points},
      {"uncontrolled_calls", schedule::uncontrolled_so_far().by_name()},
      {"trace", controller.trace_hash()}};
  std::ofstream{summary_path} << summary.dump() << '\n';
}

[[gnu::constructor]] void seat_the_main_thread() {
  if (process_setting(variable::process) == nullptr) return;
  running = new process_schedule{.settings = settings_from_environment({}),
                                 .index = 0,
                                 .controller = std::nullopt,
                                 .main_seat = std::nullopt};
  const auto& settings = running->settings;
  running->index = settings.only_schedule.value_or(0);
  const char* replay = process_setting(variable::replay);
  prepare_deadlock_reports();
  running->controller.emplace(
      schedule::schedule_settings{.kind = settings.kind,
                                  .pct_depth = settings.pct_depth,
                                  .spurious_wakeups = settings.spurious_wakeups,
                                  .atomic_points = settings.atomic_points,
                                  .memory_points = settings.memory_points},
      1, settings.pct_steps, mixed(settings.seed, running->index),
      deadlock_handler(settings, running->index, replay != nullptr ? replay : "(unknown)"));
  running->main_seat.emplace(&*running->controller, 0);
  ++schedule::explorations_running;
  std::atexit(leave_and_summarize);
}

}  // namespace
}  // namespace safemap::stress::explore
