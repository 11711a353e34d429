// resize_storm: start empty and grow. Every thread inserts all its keys, then the map is checked
// and replaced by an empty one, over and over. Growth through many rehashes is the most common
// trigger of "concurrent map writes" in the field.
#pragma once

#include <cstdint>
#include <string_view>

#include "stress/invariants/checks.hpp"
#include "stress/schedule/segment_barrier.hpp"
#include "stress/workloads/workload.hpp"

namespace safemap::stress {

template <class Map>
class resize_storm : public owned_keys_workload {
 public:
  static constexpr std::string_view name = "resize_storm";
  static constexpr std::string_view summary =
      "start empty and grow through many rehashes, over and over";

  resize_storm(const round_plan& plan, findings& found)
      : owned_keys_workload{plan, found},
        generations_{std::max<std::uint64_t>(1, plan.ops / owned_.front().size())},
        generation_end_{plan.threads} {}

  // Takes the map under test, not the map: it replaces the map between generations.
  void work(map_under_test<Map>& tested, worker_context& context) {
    auto& own = owned_[context.index()];
    while (!finished_) {
      {
        worker_handle<Map> handle{tested.get()};
        Map& map = handle.get();
        for (std::size_t index = 0; index < own.size(); ++index) {
          const auto value = value_for(own.key(index), generation_);
          check_result(found_, operation_kind::insert, own.key(index),
                       map.insert(own.key(index), value), true);
          own.expected(index) = value;
          context.count_op();
          const auto earlier = context.random_below(index + 1);
          check_owned(found_, own.key(earlier), map.find(own.key(earlier)), own.expected(earlier),
                      "while growing");
        }
      }
      generation_end_.arrive_and_wait([&] { end_generation(tested); });
    }
  }

  void verify(map_under_test<Map>& tested) { verify_owned_and_size(tested.get()); }

 private:
  // Runs on one thread while the others wait at the barrier: check, then start over empty.
  void end_generation(map_under_test<Map>& tested) {
    verify_owned_and_size(tested.get());
    ++generation_;
    finished_ =
        generation_ >= generations_ || steady_clock::now() >= plan_.deadline || !found_.clean();
    if (finished_) return;
    tested.renew();
    for (auto& own : owned_) {
      for (std::size_t index = 0; index < own.size(); ++index) own.expected(index).reset();
    }
  }

  std::uint64_t generations_;
  std::uint64_t generation_ = 0;
  bool finished_ = false;  // written only in the barrier's completion step
  segment_barrier generation_end_;
};

}  // namespace safemap::stress
