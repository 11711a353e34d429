#include "matrix_options.hpp"

#include "command_line/cli11.hpp"
#include "stress/exit_code.hpp"

namespace safemap::bench {

parse_outcome parse_matrix(int argc, char** argv) {
  matrix config{.key_counts = {10'000, 500'000},
                .thread_counts = {1, 2, 4},
                .min_ops = 2'000'000,
                .hot_keys = 1'000};
  CLI::App app{
      "safemap comparison benchmark (Google Benchmark's --benchmark_* flags are "
      "accepted too)",
      "safemap-compare"};
  app.add_option("--keys", config.key_counts, "Key counts (in cache and out of cache)")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  app.add_option("--threads", config.thread_counts, "Thread counts")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  app.add_option("--min-ops", config.min_ops,
                 "Operations per measurement at least (the parallel-load mix repeats its "
                 "10 x N operations on fresh maps until it reaches this)")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  app.add_option("--hot-keys", config.hot_keys, "Key-set size of the hot-key workload")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    return {.config = std::nullopt,
            .exit_code = app.exit(error) == 0 ? stress::exit_ok : stress::exit_bad_usage};
  }
  return {.config = config, .exit_code = stress::exit_ok};
}

}  // namespace safemap::bench
