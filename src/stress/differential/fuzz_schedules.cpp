// libFuzzer target: two threads' operations and their schedule, on every concurrent variant of
// the library (fuzz_schedules.hpp); the linearizability checker is the model.
#include <cstddef>
#include <cstdint>
#include <safemap/mutex_map.hpp>
#include <safemap/owner_thread_map.hpp>
#include <safemap/read_mostly_map.hpp>
#include <safemap/sharded_map.hpp>
#include <safemap/shared_mutex_map.hpp>
#include <span>

#include "stress/differential/fuzz_schedules.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using key = std::uint64_t;
  return safemap::stress::differential::fuzz_schedules<
      safemap::mutex_map<key, key>, safemap::shared_mutex_map<key, key>,
      safemap::sharded_map<key, key>, safemap::read_mostly_map<key, key>,
      safemap::owner_thread_map<key, key>>(std::span{data, size});
}
