// safemap::stress::run_variant<Map>(): the whole stress run of one map variant — parse the
// command line, run each workload at each of the profile's thread counts, check invariants
// after every round, watch for hangs, report crashes with every thread's stack. The main() that
// safemap_add_variant() generates calls it.
//
//   safemap-stress-<variant> [--workload W,...]
//       [--profile local|production|controlled|controlled_memory]
//       [--threads 4,16,64] [--ops N] [--duration S] [--keys N] [--seed N] [--watchdog S]
//       [--schedule free|random|pct] [--pct-depth D] [--memory-points]
//       [--repeat-for S] [--json FILE] [--progress auto|live|periodic|off] [--describe]
//
// Exit codes: src/stress/exit_code.hpp (docs/architecture.md); sanitizers exit with theirs.
#pragma once

#include <concepts>
#include <cstdint>
#include <exception>
#include <iostream>
#include <system_error>

#include <safemap/check_concurrent_map.hpp>
#include <safemap/concurrent_map.hpp>

#include "stress/exit_code.hpp"
#include "stress/run/options.hpp"
#include "stress/run/session.hpp"
#include "stress/run/variant_info.hpp"
#include "stress/watchdog/crash_report.hpp"
#include "stress/workloads/list.hpp"

namespace safemap::stress {

template <concurrent_map Map>
int run_checked_variant(int argc, char** argv, const variant_info& variant) {
  static_assert(std::same_as<typename Map::key_type, std::uint64_t> &&
                    std::same_as<typename Map::mapped_type, std::uint64_t>,
                "the stress workloads run maps from std::uint64_t to std::uint64_t");
  if (const auto reported = run_crash_reporter(argc, argv)) return *reported;
  const auto parsed = parse_command_line(argc, argv, variant);
  if (!parsed.options) return parsed.exit_code;
  const run_options& options = *parsed.options;
  if (options.describe) {
    describe_run(variant, options);
    return exit_ok;
  }
  install_crash_report();
  try {
    session run{variant, options};
    do {
      for (workload kind : options.workloads) {
        for (unsigned threads : options.settings.threads) {
          const auto plan = run.begin_round(kind, threads);
          findings found{operation_sites::of<Map>()};
          const auto stats = run_workload<Map>(kind, plan, run.board(), found);
          if (const auto stop = run.end_round(kind, plan, stats, found)) return *stop;
        }
      }
    } while (run.another_pass());
    return run.finish_passed();
  } catch (const std::system_error& error) {  // e.g. more threads than the system allows
    std::cerr << argv[0] << ": " << error.what() << '\n';
    return exit_bad_usage;
  }
}

// Unconstrained on purpose: a Map that misses concurrent_map gets check_concurrent_map's list
// of every unmet requirement, not the concept's first one, and nothing else.
template <class Map>
int run_variant(int argc, char** argv, const variant_info& variant) {
  if constexpr (check_concurrent_map<Map>()) {
    return run_checked_variant<Map>(argc, argv, variant);
  } else {
    return exit_bad_usage;  // never compiled: check_concurrent_map's assertions stop the build
  }
}

}  // namespace safemap::stress
