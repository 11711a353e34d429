// atomic_points: what atomics, and plain memory accesses, as scheduling points cost where the
// scheduling-points runtime makes them (safemap_use_atomic_points;
// docs/explore.md#what-is-a-scheduling-point). Figures only: nothing about speed is asserted
// (docs/benchmarks.md).
//
// Rows (items = operations, or schedules):
//   counter/uninstrumented   relaxed fetch_add of one atomic, compiled without the
//                            instrumentation (uninstrumented_counter.cpp): a normal build
//   counter/outside_schedule the same in this executable, on a thread no scheduler controls:
//                            each operation calls the runtime, which finds no scheduler
//   plain/uninstrumented     a plain increment (a load and a store) of one word, likewise
//   plain/outside_schedule   the same in this executable: two calls into the runtime (g++)
//   schedule/atomic_points   explore() of two threads of `increments` fetch_adds each, every
//                            chunk run with atomic points on and then off: schedules per second
//                            both ways, points per schedule both ways, and the cost of one atomic
//                            point (the difference in time over the difference in points)
//   schedule/memory_points   the same for two threads of `increments` plain increments each (of
//                            a word of their own on the heap), memory points on and then off
#include <benchmark/benchmark.h>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <thread>

#include "stress/explore/explore.hpp"
#include "stress/schedule/scheduler.hpp"
#include "uninstrumented_counter.hpp"

namespace {

namespace explore = safemap::stress::explore;
using safemap::bench::atomic_points::count_plain_uninstrumented;
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

void plain_uninstrumented(benchmark::State& state) {
  volatile std::uint64_t counter = 0;
  for (auto _ : state) count_plain_uninstrumented(counter, counter_chunk);
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(counter_chunk));
}

void plain_outside_schedule(benchmark::State& state) {
  // On the heap: a plain access to this thread's own stack is never a point, and would not show
  // what a shared word costs.
  const auto counter = std::make_unique<volatile std::uint64_t>(0);
  for (auto _ : state) {
    for (std::uint64_t time = 0; time < counter_chunk; ++time) *counter = *counter + 1;
  }
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(counter_chunk));
}

struct chunk_figures {
  double seconds = 0;
  std::uint64_t schedules = 0;
  std::uint64_t points = 0;
};

// One chunk of schedules of `body` under `settings`.
chunk_figures explore_chunk(explore::exploration_settings settings,
                            const std::function<void()>& body) {
  settings.schedules = schedule_chunk;
  settings.budget_s = 3600;
  settings.replay_command = "atomic_points";
  chunk_figures figures;
  const auto start = std::chrono::steady_clock::now();
  const auto result = explore::explore(
      settings,
      [&] {
        body();
        figures.points += safemap::stress::schedule::current_scheduler->steps();
      },
      [] { return false; });
  figures.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  figures.schedules = result.schedules;
  return figures;
}

// Two threads, each running `increment(its index)`, joined.
void two_threads(const std::function<void(unsigned)>& increment) {
  std::thread first{increment, 0U};
  std::thread second{increment, 1U};
  first.join();
  second.join();
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

// Chunks of `body` with one kind of point on, then off (`with(settings, on)` says which), until
// the benchmark has enough; the counters: both ways' schedules per second and points per
// schedule, and what one more point costs (`cost_counter`, in microseconds).
void compare_points(benchmark::State& state, const std::function<void()>& body,
                    void (*with)(explore::exploration_settings&, bool),
                    const std::string& cost_counter) {
  chunk_figures on;
  chunk_figures off;
  std::uint64_t seed = 1;
  for (auto _ : state) {
    for (const bool points : {true, false}) {
      explore::exploration_settings settings{.seed = seed};
      with(settings, points);
      add(points ? on : off, explore_chunk(settings, body));
    }
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
  state.counters[cost_counter] = on_points > off_points ? extra_us / (on_points - off_points) : 0;
}

void schedule_atomic_points(benchmark::State& state) {
  compare_points(
      state,
      [] {
        std::atomic<std::uint64_t> counter{0};
        two_threads([&counter](unsigned /*thread*/) {
          for (std::uint64_t time = 0; time < increments; ++time) {
            counter.fetch_add(1, std::memory_order_relaxed);
          }
        });
      },
      [](explore::exploration_settings& settings, bool on) { settings.atomic_points = on; },
      "us_per_atomic_point");
}

void schedule_memory_points(benchmark::State& state) {
  if (!safemap::stress::schedule::memory_points_built()) {
    state.SkipWithError("memory accesses are no scheduling points in this build (g++ makes them)");
    return;
  }
  compare_points(
      state,
      [] {
        const auto counters = std::make_unique<volatile std::uint64_t[]>(2);
        two_threads([&counters](unsigned thread) {
          for (std::uint64_t time = 0; time < increments; ++time) {
            counters[thread] = counters[thread] + 1;
          }
        });
      },
      [](explore::exploration_settings& settings, bool on) { settings.memory_points = on; },
      "us_per_memory_point");
}

}  // namespace

BENCHMARK(counter_uninstrumented)->Name("counter/uninstrumented");
BENCHMARK(counter_outside_schedule)->Name("counter/outside_schedule");
BENCHMARK(plain_uninstrumented)->Name("plain/uninstrumented");
BENCHMARK(plain_outside_schedule)->Name("plain/outside_schedule");
BENCHMARK(schedule_atomic_points)->Name("schedule/atomic_points")->UseRealTime();
BENCHMARK(schedule_memory_points)->Name("schedule/memory_points")->UseRealTime();
