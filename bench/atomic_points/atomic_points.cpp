// atomic_points: what atomics as scheduling points cost where the scheduling-points runtime
// makes them (safemap_use_atomic_points; docs/explore.md#what-is-a-scheduling-point). Figures
// only: nothing about speed is asserted (docs/benchmarks.md).
//
// Rows (items = atomic operations, or schedules):
//   counter/uninstrumented   relaxed fetch_add of one atomic, compiled without the
//                            instrumentation (uninstrumented_counter.cpp): a normal build
//   counter/outside_schedule the same in this executable, on a thread no scheduler controls:
//                            each operation calls the runtime, which finds no scheduler
//   schedule/atomic_points   explore() of two threads of `increments` fetch_adds each, every
//                            chunk run with atomic points on and then off: schedules per second
//                            both ways, points per schedule both ways, and the cost of one atomic
//                            point (the difference in time over the difference in points)
#include <benchmark/benchmark.h>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <thread>

#include "stress/explore/explore.hpp"
#include "stress/schedule/scheduler.hpp"
#include "uninstrumented_counter.hpp"

namespace {

namespace explore = safemap::stress::explore;
using safemap::bench::atomic_points::count_uninstrumented;

constexpr std::uint64_t counter_chunk = 1'000'000;
constexpr std::uint64_t schedule_chunk = 50;
constexpr std::uint64_t increments = 100;

void counter_uninstrumented(benchmark::State& state) {
  std::atomic<std::uint64_t> counter{0};
  for (auto _ : state) count_uninstrumented(counter, counter_chunk);
  benchmark::DoNotOptimize(counter.load());
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(counter_chunk));
}

void counter_outside_schedule(benchmark::State& state) {
  std::atomic<std::uint64_t> counter{0};
  for (auto _ : state) {
    for (std::uint64_t time = 0; time < counter_chunk; ++time) {
      counter.fetch_add(1, std::memory_order_relaxed);
    }
  }
  benchmark::DoNotOptimize(counter.load());
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(counter_chunk));
}

struct chunk_figures {
  double seconds = 0;
  std::uint64_t schedules = 0;
  std::uint64_t points = 0;
};

// One chunk of schedules of the two incrementing threads, with atomic points on or off.
chunk_figures explore_chunk(bool atomic_points, std::uint64_t seed) {
  explore::exploration_settings settings{
      .atomic_points = atomic_points, .seed = seed, .schedules = schedule_chunk, .budget_s = 3600};
  settings.replay_command = "atomic_points";
  chunk_figures figures;
  const auto start = std::chrono::steady_clock::now();
  const auto result = explore::explore(
      settings,
      [&] {
        std::atomic<std::uint64_t> counter{0};
        const auto increment = [&] {
          for (std::uint64_t time = 0; time < increments; ++time) {
            counter.fetch_add(1, std::memory_order_relaxed);
          }
        };
        std::thread first{increment};
        std::thread second{increment};
        first.join();
        second.join();
        figures.points += safemap::stress::schedule::current_scheduler->steps();
      },
      [] { return false; });
  figures.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  figures.schedules = result.schedules;
  return figures;
}

void add(chunk_figures& total, const chunk_figures& chunk) {
  total.seconds += chunk.seconds;
  total.schedules += chunk.schedules;
  total.points += chunk.points;
}

double per_schedule(const chunk_figures& figures, double value) {
  return figures.schedules == 0 ? 0 : value / static_cast<double>(figures.schedules);
}

double schedules_per_second(const chunk_figures& figures) {
  return figures.seconds > 0 ? static_cast<double>(figures.schedules) / figures.seconds : 0;
}

void schedule_atomic_points(benchmark::State& state) {
  chunk_figures on;
  chunk_figures off;
  std::uint64_t seed = 1;
  for (auto _ : state) {
    add(on, explore_chunk(true, seed));
    add(off, explore_chunk(false, seed));
    seed += schedule_chunk;
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(on.schedules + off.schedules));
  state.counters["on_schedules_per_s"] = schedules_per_second(on);
  state.counters["off_schedules_per_s"] = schedules_per_second(off);
  const double on_points = per_schedule(on, static_cast<double>(on.points));
  const double off_points = per_schedule(off, static_cast<double>(off.points));
  state.counters["on_points"] = on_points;
  state.counters["off_points"] = off_points;
  const double extra_us = per_schedule(on, on.seconds * 1e6) - per_schedule(off, off.seconds * 1e6);
  state.counters["us_per_atomic_point"] =
      on_points > off_points ? extra_us / (on_points - off_points) : 0;
}

}  // namespace

BENCHMARK(counter_uninstrumented)->Name("counter/uninstrumented");
BENCHMARK(counter_outside_schedule)->Name("counter/outside_schedule");
BENCHMARK(schedule_atomic_points)->Name("schedule/atomic_points")->UseRealTime();
