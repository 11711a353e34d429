// checked_map used correctly never aborts and behaves as std::unordered_map; written to inside a
// loop over it, it dies with Go's iteration message at the loop's line.
// Runs in every preset: ASan and TSan must stay silent on the correct uses, including the
// multi-threaded ones (readers without writers, writers behind one mutex, hand-over).
#include <safemap/checked_map.hpp>

#include <gtest/gtest.h>

#include <algorithm>
#include <iterator>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>
#include <unordered_map>
#include <utility>
#include <vector>

namespace {

using counts = safemap::checked_map<std::string, int>;

static_assert(std::forward_iterator<counts::iterator>);
static_assert(std::forward_iterator<counts::const_iterator>);
static_assert(std::is_convertible_v<counts::iterator, counts::const_iterator>);

TEST(CheckedMap, WorksLikeUnorderedMap) {
  counts map{{"a", 1}, {"b", 2}};
  map["c"] = 3;
  ++map["a"];
  EXPECT_TRUE(map.insert({"d", 4}).second);
  EXPECT_FALSE(map.insert({"d", 40}).second);
  EXPECT_FALSE(map.insert_or_assign("d", 44).second);
  EXPECT_TRUE(map.emplace("e", 5).second);
  EXPECT_FALSE(map.try_emplace("e", 50).second);

  EXPECT_EQ(map.size(), 5U);
  EXPECT_FALSE(map.empty());
  EXPECT_EQ(map.at("a"), 2);
  EXPECT_EQ(map.find("d")->second, 44);
  EXPECT_EQ(map.find("zz"), map.end());
  EXPECT_TRUE(map.contains("c"));
  EXPECT_EQ(map.count("b"), 1U);
  auto [first, last] = map.equal_range("b");
  EXPECT_EQ(std::distance(first, last), 1);

  EXPECT_EQ(map.erase("b"), 1U);
  EXPECT_EQ(map.erase("b"), 0U);
  map.reserve(1000);
  EXPECT_GE(map.bucket_count(), 1000U);
  map.clear();
  EXPECT_TRUE(map.empty());
}

TEST(CheckedMap, RangeForAndAlgorithmsSeeEveryEntry) {
  counts map;
  for (int i = 0; i < 100; ++i) map[std::to_string(i)] = i;
  int sum = 0;
  for (const auto& [key, value] : map) sum += value;
  EXPECT_EQ(sum, 4950);
  EXPECT_EQ(std::count_if(map.cbegin(), map.cend(),
                          [](const auto& entry) { return entry.second % 2 == 0; }),
            50);
}

TEST(CheckedMap, AssigningExistingKeysInsideALoopIsNotAStructuralChange) {
  counts map{{"a", 1}, {"b", 2}, {"c", 3}};
  for (auto& [key, value] : map) {
    value *= 10;
    map[key] += 1;
    map.insert_or_assign(key, map.at(key) + 1);
  }
  EXPECT_EQ(map.at("a"), 12);
  EXPECT_EQ(map.at("c"), 32);
}

TEST(CheckedMap, EraseWithTheReturnedIteratorWhileIterating) {
  safemap::checked_map<int, int> map;
  for (int i = 0; i < 1000; ++i) map[i] = i;
  for (auto it = map.begin(); it != map.end();) {
    it = it->second % 3 == 0 ? map.erase(it) : std::next(it);
  }
  EXPECT_EQ(map.size(), 666U);
  EXPECT_EQ(erase_if(map, [](const auto& entry) { return entry.first % 3 == 1; }), 333U);
  EXPECT_EQ(map.size(), 333U);
}

TEST(CheckedMap, CopyMoveSwapAndCompare) {
  counts original{{"a", 1}, {"b", 2}};
  counts copy = original;
  EXPECT_EQ(copy, original);
  copy["c"] = 3;
  EXPECT_FALSE(copy == original);

  counts moved = std::move(copy);
  EXPECT_EQ(moved.size(), 3U);
  swap(moved, original);
  EXPECT_EQ(original.size(), 3U);
  EXPECT_EQ(moved.size(), 2U);
  moved = original;
  EXPECT_EQ(moved, original);
  moved = {{"z", 26}};
  EXPECT_EQ(moved.at("z"), 26);
  // Iterators made after a replacement are good.
  int steps = 0;
  for (auto it = moved.begin(); it != moved.end(); ++it) ++steps;
  EXPECT_EQ(steps, 1);
}

// A hash that throws leaves the map usable: the write's check state is released by RAII.
struct throwing_hash {
  std::size_t operator()(int key) const {
    if (key < 0) throw std::invalid_argument{"negative key"};
    return std::hash<int>{}(key);
  }
};

TEST(CheckedMap, ExceptionsLeaveTheMapUsable) {
  safemap::checked_map<int, int, throwing_hash> map;
  map[1] = 1;
  EXPECT_THROW(map[-1] = 0, std::invalid_argument);
  EXPECT_THROW(map.insert_or_assign(-2, 0), std::invalid_argument);
  EXPECT_THROW((void)map.at(5), std::out_of_range);
  EXPECT_THROW((void)map.find(-3), std::invalid_argument);
  map[2] = 2;
  for (auto& [key, value] : map) value += key;
  EXPECT_EQ(map.size(), 2U);
  EXPECT_EQ(map.at(2), 4);
}

// Like a Go map: any number of readers at once is fine while nobody writes.
TEST(CheckedMap, ConcurrentReadersWithoutWritersNeverAbort) {
  safemap::checked_map<int, int> map;
  for (int i = 0; i < 1000; ++i) map[i] = i;
  const auto& shared = map;
  std::vector<std::jthread> readers;
  for (int t = 0; t < 4; ++t) {
    readers.emplace_back([&shared] {
      long sum = 0;
      for (int round = 0; round < 50; ++round) {
        for (int i = 0; i < 1000; ++i) sum += shared.find(i)->second + shared.at(i);
        for (const auto& [key, value] : shared) sum += value;
      }
      EXPECT_EQ(sum, 50L * 3 * 499500);
    });
  }
}

// Shared the right way: every access under one mutex. The checks see no overlap.
TEST(CheckedMap, WritersBehindOneMutexNeverAbort) {
  safemap::checked_map<int, int> map;
  std::mutex guard;
  std::vector<std::jthread> writers;
  for (int t = 0; t < 4; ++t) {
    writers.emplace_back([&map, &guard, t] {
      for (int i = 0; i < 2000; ++i) {
        std::lock_guard lock{guard};
        map[i % 100] += 1;
        if (i % 7 == t) map.erase(i % 100);
        for (const auto& entry : map) (void)entry;
      }
    });
  }
  writers.clear();
  EXPECT_LE(map.size(), 100U);
}

// Handed over: one owner after the other, the hand-over synchronised by join().
TEST(CheckedMap, OwnershipHandedOverBetweenThreadsNeverAborts) {
  safemap::checked_map<int, int> map;
  for (int owner = 0; owner < 4; ++owner) {
    std::jthread{[&map, owner] {
      for (int i = 0; i < 1000; ++i) map[i] = owner;
    }}.join();
  }
  EXPECT_EQ(map.at(999), 3);
}

// --- Writing inside a loop over the map: caught every time, on the loop's thread. ---

class CheckedMapDeathTest : public ::testing::Test {
 protected:
  void SetUp() override { GTEST_FLAG_SET(death_test_style, "threadsafe"); }
};

constexpr const char* iteration_report =
    "fatal error: concurrent map iteration and map write\n"
    "==[0-9]+==ERROR: CheckedMap: concurrent map iteration and map write\n"
    "  safemap::checked_map<int, int>::iterator::operator\\+\\+ noticed it in thread [0-9]+:\n"
    "    #0 0x[0-9a-f]+ in [^\n]*checked_map_test\\.cpp:[0-9]+\n";

safemap::checked_map<int, int> numbers() {
  safemap::checked_map<int, int> map;
  for (int i = 0; i < 100; ++i) map[i] = i;
  return map;
}

TEST_F(CheckedMapDeathTest, EraseInsideRangeForDies) {
  auto map = numbers();
  EXPECT_DEATH(
      {
        for (const auto& [key, value] : map) {
          if (value % 2 == 0) map.erase(key);
        }
      },
      iteration_report);
}

TEST_F(CheckedMapDeathTest, InsertInsideRangeForDies) {
  auto map = numbers();
  EXPECT_DEATH(
      {
        for (const auto& [key, value] : map) map.try_emplace(key + 1000, value);
      },
      iteration_report);
}

TEST_F(CheckedMapDeathTest, EraseWithAnIteratorMadeBeforeARehashDies) {
  auto map = numbers();
  auto stale = map.find(7);
  map.reserve(100000);
  EXPECT_DEATH(map.erase(stale),
               "fatal error: concurrent map iteration and map write\n.*"
               "checked_map<int, int>::erase noticed it");
}

}  // namespace
