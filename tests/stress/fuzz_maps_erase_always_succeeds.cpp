// The differential fuzzer on a planted bug (erase_always_succeeds.hpp): the expectation test
// differential.fuzz_maps.finds_erase_always_succeeds passes only when its mismatch report is
// located at the planted line.
#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>

#include "erase_always_succeeds.hpp"
#include "stress/differential/fuzz_maps.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using map = safemap::differential_fixture::erase_always_succeeds<std::uint64_t, std::uint64_t>;
  return safemap::stress::differential::fuzz_maps(std::span{data, size}, [](auto&& visit) {
    visit.template operator()<map>(std::string_view{"erase_always_succeeds<uint64, uint64>"});
  });
}
