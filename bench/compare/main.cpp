// safemap-compare: safemap's variants against the maps C++ users pick instead and against the
// single-threaded limits, all workloads in one binary and one run. Google Benchmark flags
// (--benchmark_repetitions, --benchmark_filter, --benchmark_out, ...) pass through; the matrix
// is set with the options of matrix_options.cpp. bench/compare/report.py runs it and turns the
// JSON into the comparison table; see docs/benchmarks.md.
#include <benchmark/benchmark.h>

#include <string>

#include "matrix_options.hpp"
#include "memory_footprint.hpp"
#include "register_maps.hpp"
#include "run_workload.hpp"
#include "workload.hpp"

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);  // takes the --benchmark_* flags out of argv
  const auto options = safemap::bench::parse_matrix(argc, argv);
  if (!options.config) return options.exit_code;
  const auto& config = *options.config;

  const auto loads = safemap::bench::make_workloads(config);
  safemap::bench::register_safemap_maps(loads, config.thread_counts);
#if SAFEMAP_BENCH_PEERS
  safemap::bench::register_peer_maps(loads, config.thread_counts);
#endif
  safemap::bench::record_bytes_per_entry(config.key_counts);
  benchmark::AddCustomContext("safemap_min_ops", std::to_string(config.min_ops));
  benchmark::AddCustomContext("safemap_build", SAFEMAP_BENCH_BUILD);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return safemap::bench::lost_updates_seen ? 3 : 0;  // 3: invariant violated
}
