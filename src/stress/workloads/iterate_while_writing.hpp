// iterate_while_writing: every fourth thread walks the whole map (for_each, sometimes snapshot)
// while the others write their own keys.
#pragma once

#include <cstdint>
#include <string_view>

#include "stress/invariants/checks.hpp"
#include "stress/schedule/scheduler.hpp"
#include "stress/workloads/workload.hpp"

namespace safemap::stress {

template <class Map>
class iterate_while_writing : public owned_keys_workload {
 public:
  static constexpr std::string_view name = "iterate_while_writing";
  static constexpr std::string_view summary =
      "every fourth thread runs for_each / snapshot while the others write";

  using owned_keys_workload::owned_keys_workload;

  void work(Map& map, worker_context& context) {
    if (!is_observer(context.index(), plan_.threads)) {
      while (context.next_op()) write_one(map, context);
      writer_done();
      return;
    }
    observe_while_writers_work(context, [&](std::uint64_t walk) {
      if (walk % 8 == 7) {
        for (const auto& [key, value] : map.snapshot()) {
          check_consistent(found_, key, value, operation_kind::snapshot);
        }
      } else {
        // Each visit is a scheduling point of a controlled schedule: a walk that should hold the
        // map still (and does not) is interrupted by the writers there.
        map.for_each([&](std::uint64_t key, std::uint64_t value) {
          check_consistent(found_, key, value, operation_kind::for_each);
          schedule::point();
        });
      }
    });
  }

  void verify(Map& map) { verify_owned_and_size(map); }
};

}  // namespace safemap::stress
