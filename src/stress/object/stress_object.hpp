// object/: an object spec (spec.hpp) under free stress: the scenarios explore_object draws
// (draw.hpp: one seed, the same scenarios), each run several times on real threads that race
// freely, each run's history checked against the model; the first that is not linearizable is
// reported as it ran.
//
// For the sanitizer presets: a controlled schedule runs one thread at a time, so its hand-offs
// order every access and hide a data race from ThreadSanitizer; free threads let it (and
// AddressSanitizer, on a use after free another thread causes) see the object as it really runs.
// Nothing here is replayable or shrunk: a run is not a function of the seed, and a finding says
// so; the controlled exploration is the way to replay and shrink.
//
// The stress driver's monitor (watchdog/monitor.hpp) watches the runs: a line every
// stress_progress_every_s, and when no run ends for stuck_after_s (the object deadlocked, or a
// call waits where the model would not) every thread's stack and the scenario, exit 4: blocked
// threads cannot be taken back.
#pragma once

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <optional>
#include <string>
#include <vector>

#include "stress/object/checker.hpp"
#include "stress/object/draw.hpp"
#include "stress/object/finding.hpp"
#include "stress/object/refuse.hpp"
#include "stress/object/run_scenario.hpp"
#include "stress/object/scenario.hpp"
#include "stress/object/spec.hpp"
#include "stress/progress.hpp"
#include "stress/watchdog/monitor.hpp"

namespace safemap::stress::object {

struct stress_settings {
  std::optional<scenario_shape> shape{};  // none: the spec's (shape_for)
  std::uint64_t seed = 1;
  std::uint64_t scenarios = 1000;  // at most this many scenarios
  double budget_s = 2;             // and at most this long
  std::uint64_t runs_per_scenario = 50;
  double stuck_after_s = 10;  // the watchdog: no run ended for this long
  check_budget budget{};
};

struct stress_result {
  std::uint64_t scenarios = 0;
  std::uint64_t runs = 0;
  std::uint64_t undecided = 0;  // histories the checker gave up on (check_budget)
  std::optional<object_finding> finding;
};

inline constexpr double stress_progress_every_s = 5;

// Unconstrained on purpose, as explore_object is: a Spec that misses a part gets
// check_object_spec's list and no other error.
template <class Spec>
stress_result stress_object(const stress_settings& settings) {
  if constexpr (check_object_spec<Spec>()) {
    const scenario_shape shape = shape_for<Spec>(settings.shape);
    refuse_bad_shape(Spec::name, shape);
    if (settings.runs_per_scenario == 0) {
      refuse_spec(Spec::name, "runs per scenario must be at least 1");
    }
    using clock = std::chrono::steady_clock;
    const auto start = clock::now();
    const auto seconds_since_start = [start] {
      return std::chrono::duration<double>(clock::now() - start).count();
    };
    progress_board board{0};
    std::vector<std::string> shown;  // the scenario running, for the watchdog's report
    const monitor watching{board,
                           {.watchdog_s = settings.stuck_after_s,
                            .progress = progress_mode::periodic,
                            .progress_every_s = stress_progress_every_s,
                            .variant_source = {}},
                           [&shown](const report& /*stall*/) {
                             for (const auto& line : shown)
                               std::fprintf(stderr, "%s\n", line.c_str());
                           }};
    stress_result result;
    for (std::uint64_t number = 0;
         number < settings.scenarios && seconds_since_start() < settings.budget_s; ++number) {
      const auto planned = draw_scenario_number<Spec>(shape, settings.seed, number);
      ++result.scenarios;
      shown = described<Spec>("scenario " + std::to_string(number), planned);
      board.set_stage(std::string{Spec::name} + " free stress, scenario " + std::to_string(number) +
                      " (ops: runs)");
      for (std::uint64_t run = 0; run < settings.runs_per_scenario; ++run) {
        const auto ran = run_scenario(planned);
        ++result.runs;
        board.coordinator().advance();
        const auto outcome = unless_the_model_throws(
            Spec::name, [&] { return check_linearizable(ran, settings.budget); });
        if (outcome.result == verdict::undecided) ++result.undecided;
        if (outcome.result == verdict::not_linearizable) {
          result.finding = not_linearizable_finding(
              ran, outcome,
              "scenario " + std::to_string(number) + " of seed " + std::to_string(settings.seed) +
                  ", run " + std::to_string(run + 1) + " of it, not shrunk",
              {"no replay: free-running threads; run the controlled exploration to replay"}, "");
          return result;
        }
      }
    }
    return result;
  } else {
    return {};  // never compiled: check_object_spec's assertions stop the build
  }
}

}  // namespace safemap::stress::object
