#include "workload.hpp"

#include <algorithm>
#include <string>
#include <utility>

namespace safemap::bench {
namespace {

std::uint64_t ceil_div(std::uint64_t numerator, std::uint64_t denominator) {
  return (numerator + denominator - 1) / denominator;
}

// Boost.Unordered's concurrent "parallel load" benchmark: 10 x N operations on an initially
// empty map, 10% insert-or-increment, 45% successful and 45% failed lookups, Zipf keys.
workload parallel_load(std::uint64_t keys, double skew, const char* skew_label,
                       std::uint64_t min_ops) {
  const std::uint64_t ops = 10 * keys;
  return {.name = std::string{"parallel_load_s"} + skew_label,
          .mix = {.find = 0.45, .find_missing = 0.45, .insert_or_increment = 0.10},
          .key_count = keys,
          .zipf_skew = skew,
          .start = initial_state::empty,
          .ops_per_round = ops,
          .rounds = std::max<std::uint64_t>(1, ceil_div(min_ops, ops)),
          .check_increments = true};
}

workload prefilled(std::string name, op_mix mix, std::uint64_t keys, initial_state start,
                   std::uint64_t min_ops) {
  return {.name = std::move(name),
          .mix = mix,
          .key_count = keys,
          .start = start,
          .ops_per_round = min_ops,
          .needs_erase = mix.erase > 0};
}

}  // namespace

std::vector<workload> make_workloads(const matrix& config) {
  std::vector<workload> all;
  for (const auto keys : config.key_counts) {
    all.push_back(parallel_load(keys, 0.01, "0.01", config.min_ops));
    all.push_back(parallel_load(keys, 0.5, "0.5", config.min_ops));
    all.push_back(parallel_load(keys, 0.99, "0.99", config.min_ops));
    all.push_back(prefilled("read_only", {.find = 1.0}, keys, initial_state::full, config.min_ops));
    all.push_back(prefilled("read_99", {.find = 0.99, .insert_or_assign = 0.01}, keys,
                            initial_state::full, config.min_ops));
    all.push_back(prefilled("write_heavy", {.find = 0.25, .insert_or_assign = 0.50, .erase = 0.25},
                            keys, initial_state::two_thirds, config.min_ops));
  }
  // Word count: every thread increments counters of a small, skewed key set through the map's
  // atomic read-modify-write; independent of the key-count axis.
  all.push_back({.name = "hot_key_counts",
                 .mix = {.insert_or_increment = 1.0},
                 .key_count = config.hot_keys,
                 .zipf_skew = 0.99,
                 .start = initial_state::empty,
                 .ops_per_round = config.min_ops,
                 .check_increments = true});
  return all;
}

}  // namespace safemap::bench
