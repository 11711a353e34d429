// write_heavy: every thread inserts, assigns, erases and reads back its own keys.
#pragma once

#include <cstdint>
#include <string_view>

#include "stress/workloads/workload.hpp"

namespace safemap::stress {

template <class Map>
class write_heavy : public owned_keys_workload {
 public:
  static constexpr std::string_view name = "write_heavy";
  static constexpr std::string_view summary =
      "insert_or_assign / insert / erase / find on each thread's own keys";

  using owned_keys_workload::owned_keys_workload;

  void work(Map& map, worker_context& context) {
    while (context.next_op()) write_one(map, context);
  }

  void verify(Map& map) { verify_owned_and_size(map); }
};

}  // namespace safemap::stress
