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
  const frozen_map<std::string, int> from_map{std::unordered_map<std::string, int>{{"a", 1}, {"b", 2}}};
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

}  // namespace
}  // namespace safemap::test
