// object/: an object spec (spec.hpp) under controlled schedules: scenarios drawn from the
// exploration's seed, each run under a few schedules, each run's history checked against the
// model; at the first that is not linearizable, the scenario is shrunk (one call fewer, else one
// argument smaller, at a time, while a smaller one still fails: smaller_scenarios) and reported
// as a table with the replay command.
//
// Schedule i of the exploration runs scenario i / schedules_per_scenario, so the replay of
// schedule i (explore/variables.hpp) draws the same scenario, fails the same way and shrinks it
// the same way: the shrinking runs a fixed number of schedules per smaller scenario, never a
// number of seconds.
//
// A scenario is drawn only if it always completes in the model (completes.hpp); a deadlock is
// then the object's: the explorer reports it at once, with the scenario.
#pragma once

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <optional>
#include <string>
#include <vector>

#include "stress/explore/explore.hpp"
#include "stress/object/checker.hpp"
#include "stress/object/draw.hpp"
#include "stress/object/finding.hpp"
#include "stress/object/history.hpp"
#include "stress/object/interleaving.hpp"
#include "stress/object/refuse.hpp"
#include "stress/object/run_scenario.hpp"
#include "stress/object/scenario.hpp"
#include "stress/object/spec.hpp"
#include "stress/schedule/no_atomic_points.hpp"

namespace safemap::stress::object {

struct object_settings {
  std::optional<scenario_shape> shape{};  // none: the spec's (shape_for)
  std::uint64_t schedules_per_scenario = 20;
  // Schedules tried on each smaller scenario while shrinking.
  std::uint64_t shrink_schedules = 200;
  check_budget budget{};
};

struct object_result {
  std::uint64_t schedules = 0;
  std::uint64_t scenarios = 0;
  std::uint64_t undecided = 0;  // histories the checker gave up on (check_budget)
  std::uint64_t escapes = 0;
  schedule::uncontrolled_counts uncontrolled_calls{};
  double seconds_to_finding = 0;  // the exploration's time, before any shrinking
  std::optional<object_finding> finding;
};

namespace detail {

template <class Spec>
class object_explorer {
 public:
  object_explorer(const explore::exploration_settings& exploration, const object_settings& settings)
      : exploration_{exploration}, settings_{settings}, shape_{shape_for<Spec>(settings.shape)} {
    refuse_bad_shape(Spec::name, shape_);
    if (settings.schedules_per_scenario == 0 || settings.shrink_schedules == 0) {
      refuse_spec(Spec::name, "schedules per scenario and shrink schedules must be at least 1");
    }
  }

  object_result run() {
    object_result result;
    auto settings = exploration_;
    // Drawn again rather than read from the cache: the report may run on a thread outside the
    // schedule (scheduler::check_progress), which must not read what the body's thread wrote.
    settings.describe_schedule = [this](std::uint64_t index) {
      return described<Spec>(
          "scenario " + std::to_string(number_of(index)),
          draw_scenario_number<Spec>(shape_, exploration_.seed, number_of(index)));
    };
    const auto began = std::chrono::steady_clock::now();
    const auto explored = explore::explore(
        settings, [this](std::uint64_t index) { run_checked(scenario_of(index)); },
        [this] { return last_.result == verdict::not_linearizable; });
    result.schedules = explored.schedules;
    result.seconds_to_finding =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - began).count();
    result.scenarios = scenarios_drawn_;
    result.escapes = explored.escapes;
    result.uncontrolled_calls = explored.uncontrolled_calls;
    if (explored.failed_schedule) {
      failing_settings_ = settings;
      failing_settings_.pct_steps = explored.failed_pct_steps;
      failing_schedule_ = *explored.failed_schedule;
      shrink_pct_steps_ = explored.failed_pct_steps;
      std::fprintf(stderr,
                   "[safemap object] %s: schedule %llu (scenario %llu) is not linearizable, found "
                   "in %.2f s\n",
                   Spec::name, static_cast<unsigned long long>(failing_schedule_),
                   static_cast<unsigned long long>(number_of(failing_schedule_)),
                   result.seconds_to_finding);
      result.finding = shrunk(scenario_of(*explored.failed_schedule), explored.replay);
      result.escapes += shrink_escapes_;
    }
    result.undecided = undecided_;
    return result;
  }

 private:
  std::uint64_t number_of(std::uint64_t index) const {
    return index / settings_.schedules_per_scenario;
  }

  // The scenario schedule `index` runs (draw.hpp).
  const scenario<Spec>& scenario_of(std::uint64_t index) {
    const schedule::no_atomic_points harness;
    const auto number = number_of(index);
    if (drawn_number_ == number) return drawn_;
    drawn_ = draw_scenario_number<Spec>(shape_, exploration_.seed, number);
    drawn_number_ = number;
    ++scenarios_drawn_;
    return drawn_;
  }

  // One schedule's body: the scenario's run and its check; of which only the calls on the object
  // make atomic (or memory) scheduling points (run_scenario.hpp).
  void run_checked(const scenario<Spec>& planned) {
    const schedule::no_atomic_points harness;
    checked(run_scenario(planned));
  }

  void checked(const history<Spec>& ran) {
    last_ = unless_the_model_throws(Spec::name,
                                    [&] { return check_linearizable(ran, settings_.budget); });
    if (last_.result == verdict::undecided) ++undecided_;
    last_history_ = ran;
  }

  // Reruns smaller and smaller scenarios while one still fails; reports the last that did, with
  // the interleaving of a traced replay of its failing schedule.
  object_finding shrunk(scenario<Spec> failing, const std::string& replay) {
    std::uint64_t round = 0;
    for (bool smaller_fails = true; smaller_fails;) {
      smaller_fails = false;
      std::fprintf(stderr, "[safemap object] %s: shrinking a failing scenario of %zu calls\n",
                   Spec::name, failing.calls());
      for (auto& candidate : smaller_scenarios(failing)) {
        if (!completes_in_model(candidate)) continue;
        if (fails(candidate, replay, ++round)) {
          failing = std::move(candidate);
          smaller_fails = true;
          break;
        }
      }
    }
    interleaving switches;
    auto traced = failing_settings_;
    traced.only_schedule = failing_schedule_;
    traced.outer_replay = replay;
    traced.on_switch = switches.recorder();
    traced.describe_schedule = [&failing](std::uint64_t /*schedule*/) {
      return described<Spec>("the shortest failing scenario", failing);
    };
    const bool failed_again = explore::explore(
                                  traced, [&](std::uint64_t /*schedule*/) { run_checked(failing); },
                                  [this] { return last_.result == verdict::not_linearizable; })
                                  .failed_schedule.has_value();
    return finding(last_history_, last_,
                   failed_again ? switches.lines(max_switches_shown) : std::vector<std::string>{},
                   replay);
  }

  bool fails(const scenario<Spec>& candidate, const std::string& replay, std::uint64_t round) {
    explore::exploration_settings settings = exploration_;
    settings.seed = mixed(exploration_.seed, round);
    settings.pct_steps = shrink_pct_steps_;
    settings.schedules = settings_.shrink_schedules;
    settings.budget_s = 1e9;  // a number of schedules, never of seconds: the replay shrinks alike
    settings.only_schedule.reset();
    settings.outer_replay = replay;
    settings.describe_schedule = [&candidate](std::uint64_t /*schedule*/) {
      return described<Spec>("a smaller scenario", candidate);
    };
    const auto explored = explore::explore(
        settings, [&](std::uint64_t /*schedule*/) { run_checked(candidate); },
        [this] { return last_.result == verdict::not_linearizable; });
    shrink_escapes_ += explored.escapes;
    if (!explored.failed_schedule) return false;
    failing_settings_ = settings;
    failing_settings_.pct_steps = explored.failed_pct_steps;
    failing_schedule_ = *explored.failed_schedule;
    return true;
  }

  // `switches`: empty when the traced replay did not fail again (the schedule escaped).
  static object_finding finding(const history<Spec>& ran, const check_outcome& outcome,
                                const std::vector<std::string>& switches,
                                const std::string& replay) {
    std::vector<std::string> ending;
    if (switches.empty()) {
      ending.emplace_back(
          "the interleaving: unknown (a traced replay of the schedule did not fail)");
    } else {
      ending.push_back(
          "the interleaving: each switch, at the line where the thread that gave up "
          "the turn was (the last " +
          std::to_string(switches.size()) + "):");
      for (const auto& line : switches) ending.push_back("  " + line);
    }
    ending.push_back("replay: " + replay);
    return not_linearizable_finding(ran, outcome, "the shortest failing scenario found", ending,
                                    replay);
  }

  static constexpr std::size_t max_switches_shown = 20;

  explore::exploration_settings exploration_;
  object_settings settings_;
  scenario_shape shape_;
  // The exploration and schedule of the latest failure, for its traced replay.
  explore::exploration_settings failing_settings_;
  std::uint64_t failing_schedule_ = 0;
  // PCT's k of the first failing schedule, which its replay line carries: where every search for a
  // smaller scenario starts, in the run that found it and in the replay alike.
  std::uint64_t shrink_pct_steps_ = explore::variable::default_pct_steps;
  std::optional<std::uint64_t> drawn_number_;
  scenario<Spec> drawn_;
  std::uint64_t scenarios_drawn_ = 0;
  std::uint64_t undecided_ = 0;
  std::uint64_t shrink_escapes_ = 0;
  check_outcome last_;
  history<Spec> last_history_;
};

}  // namespace detail

// Unconstrained on purpose: a Spec that misses a part gets check_object_spec's list, one error
// per missing part and no other.
template <class Spec>
object_result explore_object(const explore::exploration_settings& exploration,
                             const object_settings& settings = {}) {
  if constexpr (check_object_spec<Spec>()) {
    return detail::object_explorer<Spec>{exploration, settings}.run();
  } else {
    return {};  // never compiled: check_object_spec's assertions stop the build
  }
}

}  // namespace safemap::stress::object
