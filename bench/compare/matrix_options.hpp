// bench::parse_matrix — safemap-compare's own command-line options (CLI11), after Google
// Benchmark has taken its --benchmark_* flags out of argv.
#pragma once

#include <optional>

#include "workload.hpp"

namespace safemap::bench {

struct parse_outcome {
  std::optional<matrix> config;  // set: run with it
  int exit_code = 0;             // otherwise exit with this (0 after --help, 2 on bad usage)
};

parse_outcome parse_matrix(int argc, char** argv);

}  // namespace safemap::bench
