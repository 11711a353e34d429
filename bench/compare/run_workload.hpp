// bench::run_workload — one Google Benchmark measurement of one workload on one map, and
// register_map(), which declares a map's whole matrix (workload x key count x thread count).
//
// One benchmark iteration is the complete workload: thread 0 builds (and prefills) fresh maps
// before the clock starts; Google Benchmark's start barrier releases all threads at once; each
// replays its share of the pre-generated stream, round by round (a std::barrier between rounds,
// each round on its own fresh map); its wall-clock interval and thread CPU time are recorded.
// After Google Benchmark's stop barrier thread 0 publishes the counters the report reads:
//   ops            operations executed by all threads together
//   wall_s         first start to last finish, seconds
//   thread_wall_s  sum over threads of each one's start-to-finish time
//   run_delay_s    sum over threads of the time each waited for a CPU (thread_clock.hpp)
//   cpu_s          sum over threads of their CPU time
// and checks that no increment was lost (the map's value sum equals the number of
// insert_or_increment operations), failing the benchmark otherwise.
#pragma once

#include <benchmark/benchmark.h>

#include <algorithm>
#include <atomic>
#include <barrier>
#include <chrono>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "adapters/map_adapter.hpp"
#include "memory_footprint.hpp"
#include "op_stream.hpp"
#include "thread_clock.hpp"
#include "workload.hpp"

namespace safemap::bench {

// What a benchmark's map is in the comparison; recorded in the JSON context for the report.
enum class map_role { safemap, peer, limit };

// Set when a measurement found lost updates; safemap-compare then exits with 3 (invariant
// violated) after the run, so scripts and ctest notice.
inline std::atomic<bool> lost_updates_seen{false};

namespace detail {

using clock = std::chrono::steady_clock;

struct alignas(64) thread_record {  // one cache line per thread: no false sharing
  clock::time_point start;
  clock::time_point finish;
  thread_clock_reading clock_before;
  thread_clock_reading clock_after;
  std::uint64_t ops = 0;
  std::uint64_t found_sum = 0;
};

template <map_adapter Adapter>
std::uint64_t replay(Adapter& map, std::span<const op> ops) {
  std::uint64_t found_sum = 0;
  for (const op& next : ops) {
    switch (next.kind) {
      case op_kind::find:
      case op_kind::find_missing:
        if (const auto value = map.find(next.key)) found_sum += *value;
        break;
      case op_kind::insert_or_increment:
        if constexpr (Adapter::writable) map.insert_or_increment(next.key);
        break;
      case op_kind::insert_or_assign:
        if constexpr (Adapter::writable) map.insert_or_assign(next.key, next.key);
        break;
      case op_kind::erase:
        if constexpr (Adapter::supports_erase) map.erase(next.key);
        break;
    }
  }
  return found_sum;
}

template <map_adapter Adapter>
struct shared_run {
  shared_run(const workload& load, int threads)
      : stream{op_stream(load)},
        round_barrier{threads},
        records(static_cast<std::size_t>(threads)) {
    for (std::uint64_t round = 0; round < load.rounds; ++round) {
      prefill(*maps.emplace_back(std::make_unique<Adapter>()), load.key_count, load.start);
    }
  }

  std::span<const op> stream;
  std::vector<std::unique_ptr<Adapter>> maps;
  std::barrier<> round_barrier;
  std::vector<thread_record> records;
};

// Counters and the lost-update check, from thread 0 once every thread has finished.
template <map_adapter Adapter>
void publish(benchmark::State& state, const workload& load, const shared_run<Adapter>& run) {
  auto first_start = run.records.front().start;
  auto last_finish = run.records.front().finish;
  double thread_wall_seconds = 0;
  double run_delay_seconds = 0;
  double cpu_seconds = 0;
  std::uint64_t ops = 0;
  std::uint64_t found_sum = 0;
  for (const auto& record : run.records) {
    ops += record.ops;
    first_start = std::min(first_start, record.start);
    last_finish = std::max(last_finish, record.finish);
    thread_wall_seconds += std::chrono::duration<double>(record.finish - record.start).count();
    run_delay_seconds +=
        record.clock_after.run_delay_seconds - record.clock_before.run_delay_seconds;
    cpu_seconds += record.clock_after.cpu_seconds - record.clock_before.cpu_seconds;
    found_sum += record.found_sum;
  }
  benchmark::DoNotOptimize(found_sum);
  const double wall_seconds = std::chrono::duration<double>(last_finish - first_start).count();
  state.counters["ops"] = static_cast<double>(ops);
  state.counters["wall_s"] = wall_seconds;
  state.counters["thread_wall_s"] = thread_wall_seconds;
  state.counters["run_delay_s"] = run_delay_seconds;
  state.counters["cpu_s"] = cpu_seconds;
  state.counters["Mops_wall"] = static_cast<double>(ops) / wall_seconds * 1e-6;

  if (!load.check_increments) return;
  std::uint64_t expected = 0;
  const auto threads = static_cast<int>(run.records.size());
  for (int thread = 0; thread < threads; ++thread) {
    expected += count_increments(thread_share(run.stream, thread, threads, ops_divisor<Adapter>()));
  }
  for (const auto& map : run.maps) {
    if (const auto sum = map->value_sum(); sum != expected) {
      lost_updates_seen = true;
      state.SkipWithError(("lost updates: value sum " + std::to_string(sum) + ", expected " +
                           std::to_string(expected))
                              .c_str());
      return;
    }
  }
}

}  // namespace detail

template <map_adapter Adapter>
void run_workload(benchmark::State& state, const workload& load) {
  // Shared by the threads of this one measurement: built by thread 0 before Google Benchmark's
  // start barrier, read by the others only after it, destroyed by thread 0 after the stop barrier.
  static std::unique_ptr<detail::shared_run<Adapter>> run;
  const auto thread_index = static_cast<std::size_t>(state.thread_index());
  if (thread_index == 0) run = std::make_unique<detail::shared_run<Adapter>>(load, state.threads());

  for (auto _ : state) {
    auto& record = run->records[thread_index];
    const auto share =
        thread_share(run->stream, state.thread_index(), state.threads(), ops_divisor<Adapter>());
    // The clock readings lie inside [start, finish], so run delay and CPU time never exceed
    // the interval they are subtracted from or compared with.
    record.start = detail::clock::now();
    record.clock_before = read_thread_clock();
    for (std::size_t round = 0; round < run->maps.size(); ++round) {
      if (round > 0) run->round_barrier.arrive_and_wait();
      record.found_sum += detail::replay(*run->maps[round], share);
    }
    record.ops = share.size() * run->maps.size();
    record.clock_after = read_thread_clock();
    record.finish = detail::clock::now();
  }

  if (thread_index == 0) {
    detail::publish(state, load, *run);
    run.reset();
  }
}

// Which workloads a map takes part in, beyond what its adapter can express.
struct participation {
  bool read_only_workloads_only = false;  // e.g. copy-on-write maps, whose writes are O(n)
  std::string note;                       // why, for the report
};

// Declares `Adapter`'s benchmarks, named "<workload>/<map>/keys:<N>" (Google Benchmark appends
// "/threads:<T>"), and its memory probe. `loads` must outlive benchmark::RunSpecifiedBenchmarks().
template <map_adapter Adapter>
void register_map(const std::string& map_name, map_role role, std::span<const workload> loads,
                  std::span<const int> thread_counts, const participation& takes_part = {}) {
  static constexpr const char* role_names[] = {"safemap", "peer", "limit"};
  benchmark::AddCustomContext("role:" + map_name, role_names[static_cast<int>(role)]);
  if (!takes_part.note.empty()) benchmark::AddCustomContext("note:" + map_name, takes_part.note);
  register_footprint_probe(map_name, &bytes_per_entry<Adapter>);
  for (const workload& load : loads) {
    if (load.needs_erase && !Adapter::supports_erase) continue;
    if (has_writes(load) && (!Adapter::writable || takes_part.read_only_workloads_only)) continue;
    const auto name = load.name + "/" + map_name + "/keys:" + std::to_string(load.key_count);
    auto* benchmark = benchmark::RegisterBenchmark(
        name.c_str(), [&load](benchmark::State& state) { run_workload<Adapter>(state, load); });
    benchmark->Iterations(1)->UseRealTime()->Unit(benchmark::kMillisecond);
    if constexpr (Adapter::thread_safe) {
      for (const int threads : thread_counts) benchmark->Threads(threads);
    } else {
      benchmark->Threads(1);
    }
  }
}

// A peer this build left out because `missing` (a header) was not found when it was configured:
// the report lists it instead of leaving it out silently.
inline void report_skipped_peer(const std::string& map_name, const std::string& missing) {
  benchmark::AddCustomContext("skipped:" + map_name,
                              missing +
                                  " when configured; see SAFEMAP_BENCH_PEER_INCLUDE_DIRS in "
                                  "docs/benchmarks.md");
}

}  // namespace safemap::bench
