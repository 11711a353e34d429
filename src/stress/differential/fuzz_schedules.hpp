// The body of a libFuzzer target of two-thread programs (two_threads.hpp): the bytes choose two
// threads' operations and their schedule, and every map in Maps must leave a linearizable history.
// A violation prints the stress harness's report and aborts, so libFuzzer keeps the input; at exit
// the totals are printed. A target is one line (fuzz_schedules.cpp for the library's variants;
// tests/stress/ has one on a planted bug, to prove the mode finds what it must).
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <span>

#include "stress/differential/two_threads.hpp"

namespace safemap::stress::differential {

struct schedule_fuzz_totals {
  std::uint64_t cases = 0;
  std::uint64_t operations = 0;  // per map
  std::uint64_t maps = 0;
};
inline schedule_fuzz_totals schedule_fuzz_run;

inline void print_schedule_fuzz_totals() {
  std::fprintf(stderr,
               "SafemapDifferential: %llu two-thread cases (%llu operations) under fuzzed "
               "schedules on each of %llu maps, 0 violations\n",
               static_cast<unsigned long long>(schedule_fuzz_run.cases),
               static_cast<unsigned long long>(schedule_fuzz_run.operations),
               static_cast<unsigned long long>(schedule_fuzz_run.maps));
}

template <class... Maps>
int fuzz_schedules(std::span<const std::uint8_t> bytes) {
  if (schedule_fuzz_run.maps == 0) {
    schedule_fuzz_run.maps = sizeof...(Maps);
    std::atexit(print_schedule_fuzz_totals);
  }
  const two_thread_case program = decode_two_threads(bytes);
  const auto check = [&program]<class Map>() {
    if (const auto violation = run_two_threads<Map>(program)) {
      std::fputs(violation->c_str(), stderr);
      std::abort();
    }
  };
  (check.template operator()<Maps>(), ...);
  ++schedule_fuzz_run.cases;
  schedule_fuzz_run.operations += program.calls[0].size() + program.calls[1].size();
  return 0;
}

}  // namespace safemap::stress::differential
