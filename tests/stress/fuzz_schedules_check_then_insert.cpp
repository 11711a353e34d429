// The two-thread fuzzer on a planted bug (tests/broken/check_then_insert.hpp): the expectation
// test differential.fuzz_schedules.finds_check_then_insert passes only when it reports the
// violation, proof that fuzzed schedules find what two threads on one key show.
#include <cstddef>
#include <cstdint>
#include <span>

#include "broken/check_then_insert.hpp"
#include "stress/differential/fuzz_schedules.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using key = std::uint64_t;
  return safemap::stress::differential::fuzz_schedules<
      safemap::broken::check_then_insert<key, key>>(std::span{data, size});
}
