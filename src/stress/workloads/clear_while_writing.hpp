// clear_while_writing: every fourth thread clears the map now and then while the others write
// and read shared keys.
#pragma once

#include <cstdint>
#include <string_view>

#include "stress/invariants/checks.hpp"
#include "stress/workloads/workload.hpp"

namespace safemap::stress {

template <class Map>
class clear_while_writing : public owned_keys_workload {
 public:
  static constexpr std::string_view name = "clear_while_writing";
  static constexpr std::string_view summary =
      "every fourth thread clears the map while the others write";

  using owned_keys_workload::owned_keys_workload;

  void work(Map& map, worker_context& context) {
    const auto find_any = [&] {
      const auto key = context.random_below(plan_.keys);
      if (const auto value = map.find(key))
        check_consistent(found_, key, *value, operation_kind::find);
    };
    if (is_observer(context.index(), plan_.threads)) {
      observe_while_writers_work(context, [&](std::uint64_t op) {
        if (op % 16 == 0) {
          map.clear();
        } else {
          find_any();
        }
      });
      return;
    }
    std::uint64_t version = 0;
    while (context.next_op()) {
      if (context.random_below(2) == 0) {
        const auto key = context.random_below(plan_.keys);
        map.insert_or_assign(key, value_for(key, ++version));
      } else {
        find_any();
      }
    }
    writer_done();
  }

  void verify(Map& map) { check_whole_map(map, found_, std::nullopt, true); }
};

}  // namespace safemap::stress
