// read_heavy: a read-mostly cache whose entries are refreshed. 90% find of any key, 10%
// insert_or_assign of the thread's own (existing) keys. Nothing is ever erased, so every find
// must succeed.
#pragma once

#include <cstdint>
#include <string_view>

#include "stress/invariants/checks.hpp"
#include "stress/workloads/workload.hpp"

namespace safemap::stress {

template <class Map>
class read_heavy : public owned_keys_workload {
 public:
  static constexpr std::string_view name = "read_heavy";
  static constexpr std::string_view summary =
      "preloaded map; 90% find, 10% insert_or_assign of existing keys";

  using owned_keys_workload::owned_keys_workload;

  void prepare(Map& map, progress_board::slot& progress) {
    for (std::uint64_t key = 0; key < plan_.keys; ++key) {
      map.insert(key, value_for(key, 0));
      progress.advance();
    }
    for (auto& own : owned_) {
      for (std::size_t index = 0; index < own.size(); ++index)
        own.expected(index) = value_for(own.key(index), 0);
    }
  }

  void work(Map& map, worker_context& context) {
    auto& own = owned_[context.index()];
    while (context.next_op()) {
      if (context.random_below(10) == 0) {
        apply_to_own_key(map, own, context.random_below(own.size()), own_op::assign, found_);
        continue;
      }
      const std::uint64_t key = context.random_below(plan_.keys);
      const auto value = map.find(key);
      if (const auto index = own.index_of(key)) {
        check_owned(found_, key, value, own.expected(*index), "while running");
      } else if (!value) {
        found_.report(
            "missing key",
            "key " + std::to_string(key) + " was preloaded and never erased, but find() missed it",
            operation_kind::find);
      } else {
        check_consistent(found_, key, *value, operation_kind::find);
      }
    }
  }

  void verify(Map& map) {
    check_all_owned(map, owned_, found_);
    check_whole_map(map, found_, plan_.keys, true);
  }
};

}  // namespace safemap::stress
