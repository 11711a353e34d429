// explore_in_test(): explore() (explore.hpp) inside a GoogleTest test. The body runs under many
// schedules; a GoogleTest failure in any of its threads stops the exploration, and the test
// fails once more with the schedule's replay command. The environment (variables.hpp) may
// change the defaults, so the replay command is the test's own command line. Escapes (waits
// the scheduler does not model) are printed with the warning that the run may not replay, and
// atomics that were no scheduling points (atomics_note) are said.
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <climits>
#include <cstdint>
#include <functional>
#include <iostream>
#include <string>

#include "stress/explore/explore.hpp"
#include "stress/explore/schedule_loop.hpp"

namespace safemap::stress::explore {

inline std::string command_of_current_test() {
  char path[PATH_MAX] = {};
  const ssize_t length = ::readlink("/proc/self/exe", path, sizeof path - 1);
  std::string program = length > 0 ? std::string(path, static_cast<std::size_t>(length)) : "";
  const auto* test = ::testing::UnitTest::GetInstance()->current_test_info();
  if (test == nullptr) return program;
  const std::string name = std::string{test->test_suite_name()} + "." + test->name();
  const bool disabled =
      name.starts_with("DISABLED_") || name.find(".DISABLED_") != std::string::npos;
  return program + " --gtest_filter=" + name + (disabled ? " --gtest_also_run_disabled_tests" : "");
}

// Escapes are printed with the warning that the run may not replay; a modelled primitive used
// by a thread outside the schedule fails the test.
inline void report_what_ran_outside_the_schedule(std::uint64_t escapes,
                                                 const schedule::uncontrolled_counts& calls) {
  if (escapes > 0) std::cerr << "[safemap explore] " << escapes_warning(escapes) << '\n';
  if (calls.total() > 0) ADD_FAILURE() << calls.message();
}

// An exploration whose atomics were no scheduling points says so (nothing silently uncontrolled).
inline void report_missing_points(const exploration_settings& settings) {
  if (const auto note = atomics_note(schedule::atomic_points_built(), settings.atomic_points)) {
    std::cerr << "[safemap explore] " << *note << '\n';
  }
}

inline exploration_result explore_in_test(const std::function<void()>& body,
                                          exploration_settings defaults = {}) {
  auto settings = settings_from_environment(std::move(defaults));
  settings.replay_command = command_of_current_test();
  auto result = explore(settings, body, [] { return ::testing::Test::HasFailure(); });
  report_missing_points(settings);
  report_what_ran_outside_the_schedule(result.escapes, result.uncontrolled_calls);
  if (result.failed_schedule) {
    ADD_FAILURE() << "schedule " << *result.failed_schedule << " failed; replay: " << result.replay;
  }
  return result;
}

}  // namespace safemap::stress::explore
