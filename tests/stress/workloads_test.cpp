// Every workload runs clean on the reference variant, and the oracles see what they must.
#include <gtest/gtest.h>

#include <cstdint>
#include <cstdlib>
#include <iostream>
#include <optional>
#include <string>
#include <tuple>
#include <unordered_map>
#include <vector>

#include <safemap/mutex_map.hpp>

#include "stress/driver.hpp"
#include "stress/invariants/checks.hpp"
#include "stress/invariants/findings.hpp"

namespace safemap::stress {
namespace {

using reference_map = mutex_map<std::uint64_t, std::uint64_t>;

// Every workload under every schedule: a controlled one must neither hang the harness's own
// waits (barriers, observers polling for the writers) nor see a deadlock in a correct map.
class EveryWorkload
    : public ::testing::TestWithParam<std::tuple<workload, schedule::schedule_kind>> {};

TEST_P(EveryWorkload, PassesOnTheReferenceVariant) {
  const auto [kind, schedule_kind] = GetParam();
  progress_board board{4};
  findings found;
  const round_plan plan{
      .threads = 4,
      .ops = 500,
      .keys = 256,
      .seed = 7,
      .deadline = steady_clock::now() + std::chrono::seconds{60},
      .schedule = {.kind = schedule_kind, .pct_depth = 3},
      .on_deadlock = [](const std::vector<std::string>& why, const schedule_totals&) {
        for (const auto& line : why) std::cerr << line << '\n';
        std::abort();
      }};
  const auto stats = run_workload<reference_map>(kind, plan, board, found);
  for (const auto& each : found.violations())
    ADD_FAILURE() << each.kind << ": " << each.first_message;
  EXPECT_GT(stats.ops, 0u);
  EXPECT_EQ(board.worker_thread_ids().size(), 4u);  // every worker recorded itself for the watchdog
  EXPECT_EQ(stats.schedule.has_value(), schedule_kind != schedule::schedule_kind::free);
}

INSTANTIATE_TEST_SUITE_P(Stress, EveryWorkload,
                         ::testing::Combine(::testing::ValuesIn(all_workloads),
                                            ::testing::ValuesIn(schedule::all_schedules)),
                         [](const auto& instance) {
                           return std::string{name_of(std::get<0>(instance.param))} + "_" +
                                  std::string{schedule::name_of(std::get<1>(instance.param))};
                         });

TEST(Oracle, CountsEachKindOnceWithItsFirstMessage) {
  findings found;
  EXPECT_TRUE(found.clean());
  found.report("lost update", "first", operation_kind::upsert);
  found.report("wrong size", "size", operation_kind::size);
  found.report("lost update", "second", operation_kind::upsert);
  const auto violations = found.violations();
  ASSERT_EQ(violations.size(), 2u);
  EXPECT_EQ(violations[0].kind, "lost update");
  EXPECT_EQ(violations[0].first_message, "first");
  EXPECT_EQ(violations[0].count, 2u);
  EXPECT_FALSE(found.clean());
}

TEST(Checks, OwnedKeysTellMissingFromUnexpectedFromWrong) {
  findings found;
  check_owned(found, 5, std::nullopt, value_for(5, 1), "now");
  check_owned(found, 5, value_for(5, 1), std::nullopt, "now");
  check_owned(found, 5, value_for(5, 1), value_for(5, 2), "now");
  check_owned(found, 5, value_for(5, 2), value_for(5, 2), "now");
  const auto violations = found.violations();
  ASSERT_EQ(violations.size(), 3u);
  EXPECT_EQ(violations[0].kind, "missing key");
  EXPECT_EQ(violations[1].kind, "unexpected key");
  EXPECT_EQ(violations[2].kind, "wrong value");
}

TEST(Checks, ValuesEncodeTheirKey) {
  findings found;
  check_consistent(found, 9, value_for(9, 123), operation_kind::find);
  EXPECT_TRUE(found.clean());
  check_consistent(found, 9, value_for(8, 123), operation_kind::find);
  EXPECT_FALSE(found.clean());
}

// A map whose size() is off by one, the way a counter kept outside the lock drifts.
struct drifting_size_map {
  std::unordered_map<std::uint64_t, std::uint64_t> table;
  std::size_t size() const { return table.size() + 1; }
  bool empty() const { return false; }
  std::unordered_map<std::uint64_t, std::uint64_t> snapshot() const { return table; }
  template <class Visit>
  void for_each(Visit&& visit) const {
    for (const auto& [key, value] : table) visit(key, value);
  }
};

TEST(Checks, WholeMapCatchesASizeThatDrifts) {
  drifting_size_map map;
  map.table.emplace(1, value_for(1, 0));
  findings found;
  check_whole_map(map, found, std::size_t{1}, true);
  const auto violations = found.violations();
  ASSERT_FALSE(violations.empty());
  EXPECT_EQ(violations[0].kind, "wrong size");
  EXPECT_EQ(violations[0].count, 3u);  // against the bookkeeping, snapshot() and for_each
}

}  // namespace
}  // namespace safemap::stress
