// object/: an object spec (spec.hpp) under controlled schedules: scenarios drawn from the
// exploration's seed, each run under a few schedules, each run's history checked against the
// model; at the first that is not linearizable, the scenario is shrunk (one call fewer at a time,
// while a smaller one still fails) and reported as a table with the replay command.
//
// Schedule i of the exploration runs scenario i / schedules_per_scenario, so the replay of
// schedule i (explore/variables.hpp) draws the same scenario, fails the same way and shrinks it
// the same way: the shrinking runs a fixed number of schedules per smaller scenario, never a
// number of seconds.
//
// A scenario is drawn only if it always completes in the model (completes.hpp); a deadlock is
// then the object's: the explorer reports it at once, with the scenario.
#pragma once

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <optional>
#include <string>
#include <vector>

#include "stress/exit_code.hpp"
#include "stress/explore/explore.hpp"
#include "stress/object/checker.hpp"
#include "stress/object/completes.hpp"
#include "stress/object/history.hpp"
#include "stress/object/interleaving.hpp"
#include "stress/object/run_scenario.hpp"
#include "stress/object/scenario.hpp"
#include "stress/object/spec.hpp"
#include "stress/report.hpp"

namespace safemap::stress::object {

struct object_settings {
  scenario_shape shape{};
  std::uint64_t schedules_per_scenario = 20;
  // Schedules tried on each smaller scenario while shrinking.
  std::uint64_t shrink_schedules = 200;
  check_budget budget{};
};

struct object_finding {
  std::size_t calls = 0;  // in the shortest failing scenario found
  std::string report;     // in the report form (report.hpp)
  std::string replay;
};

struct object_result {
  std::uint64_t schedules = 0;
  std::uint64_t scenarios = 0;
  std::uint64_t undecided = 0;  // histories the checker gave up on (check_budget)
  std::uint64_t escapes = 0;
  schedule::uncontrolled_counts uncontrolled_calls{};
  std::optional<object_finding> finding;
};

namespace detail {

[[noreturn]] inline void refuse_spec(const char* spec, const std::string& why) {
  std::fprintf(stderr, "safemap object %s: %s\n", spec, why.c_str());
  std::exit(exit_bad_usage);  // NOLINT(concurrency-mt-unsafe): between schedules, no thread runs
}

inline std::uint64_t mixed(std::uint64_t seed, std::uint64_t number) {  // splitmix64
  std::uint64_t value = seed + (number + 1) * 0x9e3779b97f4a7c15ULL;
  value = (value ^ (value >> 30U)) * 0xbf58476d1ce4e5b9ULL;
  value = (value ^ (value >> 27U)) * 0x94d049bb133111ebULL;
  return value ^ (value >> 31U);
}

template <class Spec>
class object_explorer {
 public:
  object_explorer(const explore::exploration_settings& exploration, const object_settings& settings)
      : exploration_{exploration}, settings_{settings} {
    const auto& shape = settings.shape;
    if (shape.threads == 0 || shape.threads > 8 || shape.operations_per_thread == 0 ||
        shape.init + shape.post + shape.threads * shape.operations_per_thread > max_checked_calls) {
      refuse_spec(Spec::name,
                  "a scenario needs 1 to 8 threads of at least one call each, and at most " +
                      std::to_string(max_checked_calls) + " calls in all");
    }
    if (settings.schedules_per_scenario == 0 || settings.shrink_schedules == 0) {
      refuse_spec(Spec::name, "schedules per scenario and shrink schedules must be at least 1");
    }
  }

  object_result run() {
    object_result result;
    auto settings = exploration_;
    settings.describe_schedule = [this](std::uint64_t index) {
      return described("scenario " + std::to_string(number_of(index)), scenario_of(index));
    };
    const auto explored = explore::explore(
        settings, [this](std::uint64_t index) { checked(run_scenario(scenario_of(index))); },
        [this] { return last_.result == verdict::not_linearizable; });
    result.schedules = explored.schedules;
    result.scenarios = scenarios_drawn_;
    result.escapes = explored.escapes;
    result.uncontrolled_calls = explored.uncontrolled_calls;
    if (explored.failed_schedule) {
      failing_settings_ = settings;
      failing_schedule_ = *explored.failed_schedule;
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

  // The scenario schedule `index` runs: the first drawn from its seed that always completes.
  const scenario<Spec>& scenario_of(std::uint64_t index) {
    const auto number = number_of(index);
    if (drawn_number_ == number) return drawn_;
    random_source random{mixed(exploration_.seed, number)};
    constexpr int attempts = 1000;
    for (int attempt = 0; attempt < attempts; ++attempt) {
      drawn_ = draw_scenario<Spec>(settings_.shape, random);
      if (completes(drawn_)) {
        drawn_number_ = number;
        ++scenarios_drawn_;
        return drawn_;
      }
    }
    refuse_spec(Spec::name, "none of " + std::to_string(attempts) +
                                " scenarios drawn completes in the model (each leaves a thread "
                                "waiting for ever): draw fewer calls that wait, or more that "
                                "release them");
  }

  bool completes(const scenario<Spec>& planned) {
    try {
      return always_completes(planned);
    } catch (const std::exception& error) {
      refuse_spec(Spec::name, std::string{"the model threw: "} + error.what() +
                                  " (a model call must not throw)");
    }
  }

  void checked(const history<Spec>& ran) {
    try {
      last_ = check_linearizable(ran, settings_.budget);
    } catch (const std::exception& error) {
      refuse_spec(Spec::name, std::string{"the model threw: "} + error.what() +
                                  " (a model call must not throw)");
    }
    if (last_.result == verdict::undecided) ++undecided_;
    last_history_ = ran;
  }

  static std::vector<std::string> described(const std::string& title, const scenario<Spec>& shown) {
    std::vector<std::string> lines{title + " of " + Spec::name + " (" +
                                   std::to_string(shown.calls()) + " calls):"};
    for (auto& line : scenario_table(shown)) lines.push_back("  " + std::move(line));
    return lines;
  }

  // Reruns smaller and smaller scenarios while one still fails; reports the last that did, with
  // the interleaving of a traced replay of its failing schedule.
  object_finding shrunk(scenario<Spec> failing, const std::string& replay) {
    std::uint64_t round = 0;
    for (bool smaller_fails = true; smaller_fails;) {
      smaller_fails = false;
      std::fprintf(stderr, "[safemap object] %s: shrinking a failing scenario of %zu calls\n",
                   Spec::name, failing.calls());
      for (auto& candidate : one_call_smaller(failing)) {
        if (!completes(candidate)) continue;
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
      return described("the shortest failing scenario", failing);
    };
    const bool failed_again =
        explore::explore(
            traced, [&](std::uint64_t /*schedule*/) { checked(run_scenario(failing)); },
            [this] { return last_.result == verdict::not_linearizable; })
            .failed_schedule.has_value();
    return finding(last_history_, last_,
                   failed_again ? switches.lines(max_switches_shown) : std::vector<std::string>{},
                   replay);
  }

  bool fails(const scenario<Spec>& candidate, const std::string& replay, std::uint64_t round) {
    explore::exploration_settings settings = exploration_;
    settings.seed = mixed(exploration_.seed, round);
    settings.schedules = settings_.shrink_schedules;
    settings.budget_s = 1e9;  // a number of schedules, never of seconds: the replay shrinks alike
    settings.only_schedule.reset();
    settings.outer_replay = replay;
    settings.describe_schedule = [&candidate](std::uint64_t /*schedule*/) {
      return described("a smaller scenario", candidate);
    };
    const auto explored = explore::explore(
        settings, [&](std::uint64_t /*schedule*/) { checked(run_scenario(candidate)); },
        [this] { return last_.result == verdict::not_linearizable; });
    shrink_escapes_ += explored.escapes;
    if (!explored.failed_schedule) return false;
    failing_settings_ = settings;
    failing_schedule_ = *explored.failed_schedule;
    return true;
  }

  // `switches`: empty when the traced replay did not fail again (the schedule escaped).
  static object_finding finding(const history<Spec>& ran, const check_outcome& outcome,
                                const std::vector<std::string>& switches,
                                const std::string& replay) {
    report shown{
        .tool = "SafemapLinearizability", .kind = "not linearizable", .messages = {}, .stacks = {}};
    auto& lines = shown.messages;
    lines.push_back(std::string{Spec::name} +
                    ": no order of these calls fits the model (the shortest failing scenario "
                    "found, " +
                    std::to_string(ran.ran.calls()) + " calls):");
    for (auto& line : scenario_table(ran.ran)) lines.push_back("  " + std::move(line));
    std::string order;
    for (const auto& placed : outcome.longest_order) order += (order.empty() ? "" : ", ") + placed;
    lines.push_back("the longest order that fits: " + (order.empty() ? "(none)" : order));
    lines.push_back("and no call can follow it:");
    for (const auto& why : outcome.why_nothing_follows) lines.push_back("  " + why);
    if (switches.empty()) {
      lines.push_back("the interleaving: unknown (a traced replay of the schedule did not fail)");
    } else {
      lines.push_back(
          "the interleaving: each switch, at the line where the thread that gave up "
          "the turn was (the last " +
          std::to_string(switches.size()) + "):");
      for (const auto& line : switches) lines.push_back("  " + line);
    }
    lines.push_back("replay: " + replay);
    return {.calls = ran.ran.calls(), .report = format_report(shown), .replay = replay};
  }

  static constexpr std::size_t max_switches_shown = 20;

  explore::exploration_settings exploration_;
  object_settings settings_;
  // The exploration and schedule of the latest failure, for its traced replay.
  explore::exploration_settings failing_settings_;
  std::uint64_t failing_schedule_ = 0;
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
