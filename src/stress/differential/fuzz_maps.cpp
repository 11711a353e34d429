// libFuzzer target: any bytes, decoded into a program of map operations (program.hpp), must give
// the same result on every variant as on std::unordered_map, operation by operation. A mismatch
// prints the shrunk program that shows it (run.hpp) and aborts, so libFuzzer keeps the input.
// At exit: how many operations each variant ran.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <span>
#include <string>
#include <string_view>

#include "stress/differential/program.hpp"
#include "stress/differential/run.hpp"
#include "stress/differential/variants.hpp"

namespace {

std::uint64_t programs_run = 0;
std::uint64_t operations_per_variant = 0;

void print_totals() {
  std::fprintf(stderr,
               "SafemapDifferential: %llu operations in %llu programs on each of %d variants, "
               "0 mismatches\n",
               static_cast<unsigned long long>(operations_per_variant),
               static_cast<unsigned long long>(programs_run),
               safemap::stress::differential::variant_count());
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int* /*argc*/, char*** /*argv*/) {
  std::atexit(print_totals);
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace safemap::stress::differential;
  const auto program = decode(std::span{data, size});
  for_each_variant([&program]<class Map>(std::string_view name) {
    if (first_mismatch<Map>(program)) {
      const auto shrunk = shrink<Map>(program);
      std::fputs(report<Map>(name, shrunk, program.size()).c_str(), stderr);
      std::abort();
    }
  });
  ++programs_run;
  operations_per_variant += program.size();
  return 0;
}
