// frozen_map specifics: the ways to build one, shared copies, and the read-only concept.
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include <safemap/concurrent_map.hpp>
#include <safemap/frozen_map.hpp>

namespace safemap::test {
namespace {

static_assert(readable_map<frozen_map<int, int>>);
static_assert(!concurrent_map<frozen_map<int, int>>, "frozen_map must not pretend to be writable");

TEST(frozen_map, BuildsFromAnInitializerListARangeOrAnUnorderedMap) {
  const frozen_map<std::string, int> from_list{{"a", 1}, {"b", 2}};
  const std::vector<std::pair<std::string, int>> pairs{{"a", 1}, {"b", 2}};
  const frozen_map<std::string, int> from_range(pairs.begin(), pairs.end());
  const frozen_map<std::string, int> from_map{
      std::unordered_map<std::string, int>{{"a", 1}, {"b", 2}}};
  EXPECT_EQ(from_list.snapshot(), from_range.snapshot());
  EXPECT_EQ(from_list.snapshot(), from_map.snapshot());
  EXPECT_EQ(from_list.find("b"), 2);
}

TEST(frozen_map, CallbacksMayReadTheSameMap) {
  const frozen_map<int, int> map{{1, 10}, {2, 20}};
  int sum = 0;
  map.for_each([&](const int& key, const int&) { sum += *map.find(key); });
  EXPECT_EQ(sum, 30);
}

TEST(frozen_map, CopiesShareOneTableAndStayValid) {
  auto original = std::make_unique<frozen_map<int, int>>(std::unordered_map<int, int>{{1, 10}});
  const frozen_map<int, int> copy = *original;
  original.reset();
  EXPECT_EQ(copy.find(1), 10);
}

// The flat table behind frozen_map (detail/flat_lookup_table.hpp): every key found among many,
// absent keys not found, and probing past collisions and around the end of the slot array.
TEST(frozen_map, FindsEveryKeyAmongManyAndNoAbsentOne) {
  std::unordered_map<int, int> entries;
  for (int key = 0; key < 10'000; ++key) entries.emplace(key * 7, key);
  const frozen_map<int, int> map{entries};
  EXPECT_EQ(map.size(), entries.size());
  for (const auto& [key, value] : entries) EXPECT_EQ(map.find(key), value) << key;
  for (int key = 0; key < 10'000; ++key) EXPECT_FALSE(map.contains(key * 7 + 1)) << key;
  EXPECT_EQ(map.snapshot(), entries);
}

struct everything_collides {
  std::size_t operator()(int) const { return 42; }
};

TEST(frozen_map, ProbesPastCollidingKeys) {
  const frozen_map<int, std::string, everything_collides> map{{1, "one"}, {2, "two"}, {3, "three"}};
  EXPECT_EQ(map.find(1), "one");
  EXPECT_EQ(map.find(2), "two");
  EXPECT_EQ(map.find(3), "three");
  EXPECT_EQ(map.find(4), std::nullopt);
  std::size_t visited = 0;
  map.for_each([&](const int&, const std::string&) { ++visited; });
  EXPECT_EQ(visited, 3U);
}

TEST(frozen_map, EmptyMapFindsNothing) {
  const frozen_map<int, int> map;
  EXPECT_TRUE(map.empty());
  EXPECT_FALSE(map.find(0).has_value());
}

}  // namespace
}  // namespace safemap::test
