// erase_churn: insert and erase own keys at a high rate while finding everyone's: erased nodes
// are freed while other threads may still look at them.
#pragma once

#include <cstdint>
#include <string_view>

#include "stress/invariants/checks.hpp"
#include "stress/workloads/workload.hpp"

namespace safemap::stress {

template <class Map>
class erase_churn : public owned_keys_workload {
 public:
  static constexpr std::string_view name = "erase_churn";
  static constexpr std::string_view summary = "insert and erase own keys while finding everyone's";

  using owned_keys_workload::owned_keys_workload;

  void work(Map& map, worker_context& context) {
    auto& own = owned_[context.index()];
    while (context.next_op()) {
      const auto choice = context.random_below(10);
      if (choice < 8) {
        apply_to_own_key(map, own, context.random_below(own.size()),
                         choice < 4 ? own_op::insert : own_op::erase, found_);
      } else if (choice == 8) {
        apply_to_own_key(map, own, context.random_below(own.size()), own_op::find, found_);
      } else {
        const auto key = context.random_below(plan_.keys);
        if (const auto value = map.find(key))
          check_consistent(found_, key, *value, operation_kind::find);
      }
    }
  }

  void verify(Map& map) { verify_owned_and_size(map); }
};

}  // namespace safemap::stress
