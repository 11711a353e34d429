// Two-thread programs under scripted schedules without libFuzzer (every preset, TSan's
// included): decoding, every variant silent on 150 random cases, and a planted check-then-act bug
// found and located (tests/broken/check_then_insert.hpp).
#include <gtest/gtest.h>

#include <cstddef>
#include <cstdint>
#include <iostream>
#include <optional>
#include <random>
#include <safemap/mutex_map.hpp>
#include <safemap/owner_thread_map.hpp>
#include <safemap/read_mostly_map.hpp>
#include <safemap/sharded_map.hpp>
#include <safemap/shared_mutex_map.hpp>
#include <string>
#include <vector>

#include "broken/check_then_insert.hpp"
#include "stress/differential/two_threads.hpp"

namespace safemap::stress::differential {
namespace {

using key = std::uint64_t;

std::vector<std::uint8_t> random_case(std::uint32_t number) {
  std::mt19937 random{number};
  std::vector<std::uint8_t> bytes(1 + 2 * max_operations + 64);
  for (auto& each : bytes) each = static_cast<std::uint8_t>(random());
  bytes.front() = static_cast<std::uint8_t>(8 + number % 24);  // 8 to 31 operations
  return bytes;
}

TEST(two_threads, DecodesTwoBytesAnOperationAndTheRestAsTheSchedule) {
  // Three operations: an insert on key 1 by thread 0, an update adding 2 on key 0 by thread 1
  // whose callback throws, a find on key 0 by thread 0; then two schedule choices.
  const std::vector<std::uint8_t> bytes{3, 34, 0x01, 0x80 | 95, 0x1e, 0, 0x00, 9, 8};
  const auto program = decode_two_threads(bytes);
  ASSERT_EQ(program.calls[0].size(), 2U);
  ASSERT_EQ(program.calls[1].size(), 1U);
  EXPECT_EQ(program.calls[0][0].kind, operation_kind::insert);
  EXPECT_EQ(program.calls[0][0].key, 1U);
  EXPECT_EQ(program.calls[0][0].argument, (key{1} << 40) | 1);
  EXPECT_EQ(program.calls[1][0].kind, operation_kind::update);
  EXPECT_EQ(program.calls[1][0].argument, 2U);
  EXPECT_TRUE(program.calls[1][0].callback_throws);
  EXPECT_FALSE(program.calls[0][0].callback_throws);
  EXPECT_EQ(program.calls[0][1].kind, operation_kind::find);
  EXPECT_EQ(program.script, (std::vector<std::uint8_t>{9, 8}));
}

template <class Map>
void expect_silent_on_random_cases() {
  for (std::uint32_t number = 1; number <= 150; ++number) {
    const auto violation = run_two_threads<Map>(decode_two_threads(random_case(number)));
    ASSERT_FALSE(violation) << "case " << number << ":\n" << *violation;
  }
}

TEST(two_threads, EveryVariantLeavesLinearizableHistories) {
  expect_silent_on_random_cases<mutex_map<key, key>>();
  expect_silent_on_random_cases<shared_mutex_map<key, key>>();
  expect_silent_on_random_cases<sharded_map<key, key>>();
  expect_silent_on_random_cases<read_mostly_map<key, key>>();
  expect_silent_on_random_cases<owner_thread_map<key, key>>();
}

// Run until found, within a budget of cases far above what it needs (a few dozen, measured).
TEST(two_threads, FindsAndLocatesCheckThenInsert) {
  std::optional<std::string> violation;
  std::uint32_t cases = 0;
  while (!violation && cases < 20'000) {
    violation = run_two_threads<broken::check_then_insert<key, key>>(
        decode_two_threads(random_case(++cases)));
  }
  ASSERT_TRUE(violation) << "no violation in " << cases << " cases";
  EXPECT_NE(violation->find("SafemapLinearizability: linearizability violation"),
            std::string::npos);
  EXPECT_NE(violation->find("check_then_insert.hpp:"), std::string::npos) << *violation;
  std::cout << "found after " << cases << " cases\n";
}

}  // namespace
}  // namespace safemap::stress::differential
