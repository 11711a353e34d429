// object_checker: histories per second the object checker (src/stress/object/checker.hpp)
// decides, for the bounded queue example (tests/objects/queue/) in scenarios of 3 threads x 5
// calls, and how many it gives up on (check_budget's default). Figures only: nothing about speed
// is asserted (docs/benchmarks.md).
//
// Rows (items/s = histories checked/s; counters over the row's histories: undecided, and
// not_linearizable):
//   free_runs        the histories of the correct queue's scenarios run on free threads (few
//                    calls overlap: threads start one after another)
//   lockstep         the same calls and results, call k of every thread given one interval,
//                    after every thread's call k - 1: orders the run had are cut, so most are
//                    not linearizable and the search must exhaust before it says so
//   all_overlapping  the same, every call overlapping every other (no order is cut: all
//                    linearizable), the widest search for a yes
#include <benchmark/benchmark.h>

#include <cstdint>
#include <vector>

#include "../../tests/objects/queue/spec.hpp"
#include "stress/object/checker.hpp"
#include "stress/object/draw.hpp"
#include "stress/object/history.hpp"
#include "stress/object/run_scenario.hpp"

namespace {

namespace object = safemap::stress::object;
using queue_spec = safemap::object_examples::queue::spec<safemap::object_examples::queue::correct>;
using queue_history = object::history<queue_spec>;

constexpr object::scenario_shape shape{
    .threads = 3, .operations_per_thread = 5, .init = 0, .post = 0};
constexpr std::uint64_t history_count = 200;

enum class timing { as_run, lockstep, all_overlapping };

// Call k of each thread: as it ran, or [2k, 2k + 1], or [0, 1] for every call.
queue_history retimed(queue_history ran, timing kind) {
  if (kind == timing::as_run) return ran;
  for (auto& thread : ran.threads) {
    for (std::uint64_t index = 0; index < thread.size(); ++index) {
      const std::uint64_t step = kind == timing::lockstep ? index : 0;
      thread[index] = {.invoked = 2 * step, .responded = 2 * step + 1};
    }
  }
  return ran;
}

const std::vector<queue_history>& ran_histories() {
  static const auto histories = [] {
    std::vector<queue_history> ran;
    for (std::uint64_t number = 0; number < history_count; ++number) {
      ran.push_back(
          object::run_scenario(object::draw_scenario_number<queue_spec>(shape, 1, number)));
    }
    return ran;
  }();
  return histories;
}

void check_histories(benchmark::State& state, timing kind) {
  std::vector<queue_history> histories;
  for (const auto& ran : ran_histories()) histories.push_back(retimed(ran, kind));
  std::uint64_t undecided = 0;
  std::uint64_t not_linearizable = 0;
  for (const auto& history : histories) {
    const auto verdict = object::check_linearizable(history).result;
    undecided += verdict == object::verdict::undecided ? 1 : 0;
    not_linearizable += verdict == object::verdict::not_linearizable ? 1 : 0;
  }
  std::uint64_t checked = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(object::check_linearizable(histories[checked % histories.size()]));
    ++checked;
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(checked));
  state.counters["histories"] = static_cast<double>(histories.size());
  state.counters["undecided"] = static_cast<double>(undecided);
  state.counters["not_linearizable"] = static_cast<double>(not_linearizable);
}

BENCHMARK_CAPTURE(check_histories, free_runs, timing::as_run);
BENCHMARK_CAPTURE(check_histories, lockstep, timing::lockstep);
BENCHMARK_CAPTURE(check_histories, all_overlapping, timing::all_overlapping);

}  // namespace
