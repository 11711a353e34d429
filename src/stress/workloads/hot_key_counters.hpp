// hot_key_counters: every thread increments the same few counters with upsert: Go's classic
// `counts[key]++` from many goroutines, the pattern that crashes with "concurrent map writes".
// The counters must sum to the number of increments made.
#pragma once

#include <cstdint>
#include <string_view>

#include "stress/invariants/checks.hpp"
#include "stress/invariants/findings.hpp"
#include "stress/workloads/round.hpp"

namespace safemap::stress {

template <class Map>
class hot_key_counters {
 public:
  static constexpr std::string_view name = "hot_key_counters";
  static constexpr std::string_view summary =
      "every thread increments the same few counters with upsert";
  static constexpr std::uint64_t hot_keys = 4;

  hot_key_counters(const round_plan& plan, findings& found)
      : found_{found}, increments_(plan.threads, 0) {}

  void work(Map& map, worker_context& context) {
    auto& made = increments_[context.index()];
    while (context.next_op()) {
      map.upsert(
          context.random_below(hot_keys), [] { return std::uint64_t{1}; },
          [](std::uint64_t& count) { ++count; });
      ++made;
    }
  }

  void verify(Map& map) {
    std::uint64_t expected = 0;
    for (auto made : increments_) expected += made;
    std::uint64_t sum = 0;
    for (std::uint64_t key = 0; key < hot_keys; ++key) sum += map.find(key).value_or(0);
    if (sum < expected) {
      found_.report("lost update",
                    "counter sum " + std::to_string(sum) + ", expected " +
                        std::to_string(expected) + " (" + std::to_string(expected - sum) +
                        " increments lost)",
                    operation_kind::upsert);
    } else if (sum > expected) {
      found_.report("wrong value",
                    "counter sum " + std::to_string(sum) + " exceeds the " +
                        std::to_string(expected) + " increments made",
                    operation_kind::upsert);
    }
    check_whole_map(map, found_, std::nullopt, false);
  }

 private:
  findings& found_;
  std::vector<std::uint64_t> increments_;  // one per thread, each written by its thread only
};

}  // namespace safemap::stress
