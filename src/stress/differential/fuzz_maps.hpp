// The body of a libFuzzer target of differential programs (program.hpp): any bytes, decoded into
// a program of map operations, must give the same result on every map as on std::unordered_map,
// operation by operation. A mismatch prints the harness's report of the shrunk program that shows
// it (run.hpp, mismatch_report) and aborts, so libFuzzer keeps the input; at exit, how many
// operations each map ran. A target is one line (fuzz_maps.cpp for the library's variants;
// tests/stress/ has one on a planted bug, to prove a mismatch is reported where it happens).
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <span>
#include <string_view>

#include "stress/differential/program.hpp"
#include "stress/differential/run.hpp"
#include "stress/report.hpp"

namespace safemap::stress::differential {

struct map_fuzz_totals {
  std::uint64_t programs = 0;
  std::uint64_t operations = 0;  // per map
  int maps = 0;
};
inline map_fuzz_totals map_fuzz_run;

inline void print_map_fuzz_totals() {
  std::fprintf(stderr,
               "SafemapDifferential: %llu operations in %llu programs on each of %d variants, "
               "0 mismatches\n",
               static_cast<unsigned long long>(map_fuzz_run.operations),
               static_cast<unsigned long long>(map_fuzz_run.programs), map_fuzz_run.maps);
}

// ForEachMap: calls visit.template operator()<Map>(name) for each map under test, as
// for_each_variant (variants.hpp) does.
template <class ForEachMap>
int fuzz_maps(std::span<const std::uint8_t> bytes, ForEachMap for_each_map) {
  if (map_fuzz_run.maps == 0) {
    for_each_map([]<class Map>(std::string_view) { ++map_fuzz_run.maps; });
    std::atexit(print_map_fuzz_totals);
  }
  const auto program = decode(bytes);
  for_each_map([&program]<class Map>(std::string_view name) {
    if (first_mismatch<Map>(program)) {
      const auto shrunk = shrink<Map>(program);
      std::fputs(format_report(mismatch_report<Map>(name, shrunk, program.size())).c_str(), stderr);
      std::abort();
    }
  });
  ++map_fuzz_run.programs;
  map_fuzz_run.operations += program.size();
  return 0;
}

}  // namespace safemap::stress::differential
