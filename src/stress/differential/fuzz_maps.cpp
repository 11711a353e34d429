// libFuzzer target: differential programs (fuzz_maps.hpp) on every map of variants.hpp.
#include <cstddef>
#include <cstdint>
#include <span>

#include "stress/differential/fuzz_maps.hpp"
#include "stress/differential/variants.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace safemap::stress::differential;
  return fuzz_maps(std::span{data, size}, [](auto&& visit) { for_each_variant(visit); });
}
