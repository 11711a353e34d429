// read_mostly_map specifics: built from a whole table in one step, then written as usual.
#include <string>
#include <unordered_map>

#include <gtest/gtest.h>

#include <safemap/read_mostly_map.hpp>

namespace safemap::test {
namespace {

TEST(read_mostly_map, StartsWithTheTableItIsBuiltFrom) {
  std::unordered_map<int, std::string> initial;
  for (int key = 0; key < 1000; ++key) initial.emplace(key, std::to_string(key));
  read_mostly_map<int, std::string> map{initial};
  EXPECT_EQ(map.size(), initial.size());
  EXPECT_EQ(map.snapshot(), initial);
  EXPECT_EQ(map.find(500), "500");
  EXPECT_FALSE(map.contains(1000));
}

TEST(read_mostly_map, WritesAfterBuildingFromATable) {
  read_mostly_map<int, int> map{std::unordered_map<int, int>{{1, 10}, {2, 20}}};
  EXPECT_FALSE(map.insert(1, 11));
  EXPECT_TRUE(map.insert(3, 30));
  EXPECT_TRUE(map.erase(2));
  EXPECT_TRUE(map.update(1, [](int& value) { ++value; }));
  EXPECT_EQ(map.snapshot(), (std::unordered_map<int, int>{{1, 11}, {3, 30}}));
}

}  // namespace
}  // namespace safemap::test
