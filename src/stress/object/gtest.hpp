// object/: explore_object() (explore_object.hpp) inside a GoogleTest test: a finding fails the
// test with its report (the shortest failing scenario as a table, and the replay command, which
// is the test's own command line with the schedule); the environment (explore/variables.hpp)
// may change the exploration's defaults.
//
//   TEST(Queue, IsLinearizable) { check_object_in_test<queue_spec>(); }
//
// stress_object_in_test() does the same for free stress (stress_object.hpp), whose finding
// cannot be replayed; its seed and budget come from the same variables as an exploration's.
#pragma once

#include <gtest/gtest.h>

#include "stress/explore/gtest.hpp"
#include "stress/object/explore_object.hpp"
#include "stress/object/stress_object.hpp"

namespace safemap::stress::object {

template <class Spec>
object_result check_object_in_test(const object_settings& settings = {},
                                   explore::exploration_settings defaults = {}) {
  auto exploration = explore::settings_from_environment(std::move(defaults));
  exploration.replay_command = explore::command_of_current_test();
  auto result = explore_object<Spec>(exploration, settings);
  explore::report_missing_points(exploration);
  explore::report_what_ran_outside_the_schedule(result.escapes, result.uncontrolled_calls);
  if (result.finding) ADD_FAILURE() << result.finding->report;
  return result;
}

template <class Spec>
stress_result stress_object_in_test(stress_settings settings = {}) {
  explore::exploration_settings defaults;
  defaults.seed = settings.seed;
  defaults.budget_s = settings.budget_s;
  const auto environment = explore::settings_from_environment(std::move(defaults));
  settings.seed = environment.seed;
  settings.budget_s = environment.budget_s;
  auto result = stress_object<Spec>(settings);
  if (result.finding) ADD_FAILURE() << result.finding->report;
  return result;
}

}  // namespace safemap::stress::object
