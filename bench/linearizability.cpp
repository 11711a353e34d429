// What the linearizability oracle costs (figures for docs/harness.md; nothing is asserted):
//   check_history/N/T     per-key check of a history of N operations that T threads recorded on
//                         a sharded_map (4 keys, the shared_keys mix, no segments): one core,
//                         items/s = operations checked per second, with the harness's budget;
//                         `undecided` counts the key histories that budget could not decide
//   calls/recorded:0|1/keys:K   the shared_keys mix on a sharded_map over K keys from 2 threads,
//                         each call made directly (0) or recorded with its two clock ticks (1):
//                         items/s = calls (4 keys: the workload's contention; 4096: recording's
//                         own cost, with the map's contention out of the way)
#include <benchmark/benchmark.h>

#include <cstdint>
#include <random>
#include <thread>
#include <vector>

#include <safemap/sharded_map.hpp>

#include "stress/linearizability/checker.hpp"
#include "stress/linearizability/history.hpp"
#include "stress/workloads/shared_keys.hpp"

namespace {

namespace lin = safemap::stress::linearizability;
using map_type = safemap::sharded_map<std::uint64_t, std::uint64_t>;
constexpr std::uint64_t keys = safemap::stress::shared_keys<map_type>::key_count;

safemap::stress::planned_call random_call(std::mt19937_64& random, unsigned thread,
                                          std::uint64_t& written, std::uint64_t key_count = keys) {
  const auto kind = safemap::stress::mixed_operation(random() % 100);
  const std::uint64_t key = random() % key_count;
  return safemap::stress::call_of(kind, key, thread, written, 1 + random() % 9);
}

// `operations` calls, spread over `threads` threads, recorded into one history each.
std::vector<lin::thread_history> recorded_history(std::size_t operations, unsigned threads) {
  map_type map;
  lin::history_clock clock;
  std::vector<lin::thread_history> histories;
  for (unsigned thread = 0; thread < threads; ++thread)
    histories.emplace_back(thread, operations / threads);
  {
    std::vector<std::jthread> workers;
    for (unsigned thread = 0; thread < threads; ++thread) {
      workers.emplace_back([&, thread] {
        std::mt19937_64 random{thread + 1};
        std::uint64_t written = 0;
        for (std::size_t i = 0; i < operations / threads; ++i) {
          safemap::stress::make_recorded_call(map, random_call(random, thread, written),
                                              histories[thread], clock);
        }
      });
    }
  }
  return histories;
}

void check_history(benchmark::State& state) {
  const auto histories = recorded_history(static_cast<std::size_t>(state.range(0)),
                                          static_cast<unsigned>(state.range(1)));
  const auto by_key = lin::project_by_key(histories, keys);
  std::size_t checked = 0;
  for (const auto& key_history : by_key) checked += key_history.size();
  std::size_t undecided = 0;
  for (auto _ : state) {
    undecided = 0;
    for (const auto& key_history : by_key) {
      const auto outcome = lin::check_key_history(key_history, std::nullopt);
      if (outcome.verdict == lin::check_verdict::not_linearizable)
        state.SkipWithError("a false finding");
      undecided += outcome.verdict == lin::check_verdict::undecided;
      benchmark::DoNotOptimize(outcome);
    }
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * checked));
  state.counters["undecided"] = static_cast<double>(undecided);
}
BENCHMARK(check_history)
    ->ArgsProduct({{1000, 10000, 100000}, {2, 8}})
    ->Unit(benchmark::kMillisecond);

// Stand-ins for lin::thread_history and lin::history_clock that record nothing.
struct discarding_history {
  lin::recorded_operation scratch;
  lin::recorded_operation& begin(safemap::stress::operation_kind, std::uint64_t) {
    scratch.entries.clear();
    return scratch;
  }
};
struct stopped_clock {
  std::uint64_t tick() { return 0; }
};

map_type shared_map;
lin::history_clock shared_clock;

void calls(benchmark::State& state) {
  const bool recorded = state.range(0) != 0;
  const auto key_count = static_cast<std::uint64_t>(state.range(1));
  std::mt19937_64 random{static_cast<std::uint64_t>(state.thread_index()) + 1};
  const auto thread = static_cast<unsigned>(state.thread_index());
  lin::thread_history history{thread, safemap::stress::shared_keys<map_type>::segment_ops};
  discarding_history discard;
  stopped_clock stopped;
  std::uint64_t written = 0;
  std::size_t in_segment = 0;
  for (auto _ : state) {
    const auto call = random_call(random, thread, written, key_count);
    if (recorded) {
      safemap::stress::make_recorded_call(shared_map, call, history, shared_clock);
      if (++in_segment == safemap::stress::shared_keys<map_type>::segment_ops) {
        history.clear();
        in_segment = 0;
      }
    } else {
      safemap::stress::make_recorded_call(shared_map, call, discard, stopped);
    }
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}
BENCHMARK(calls)
    ->ArgNames({"recorded", "keys"})
    ->ArgsProduct({{0, 1}, {4, 4096}})
    ->Threads(2)
    ->UseRealTime();

}  // namespace
