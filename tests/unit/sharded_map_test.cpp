// sharded_map specifics: shard count validation and layout.
#include <bit>
#include <stdexcept>

#include <gtest/gtest.h>

#include <safemap/sharded_map.hpp>

namespace safemap::test {
namespace {

TEST(sharded_map, DefaultShardCountIsAPowerOfTwoInRange) {
  const sharded_map<int, int> map;
  EXPECT_TRUE(std::has_single_bit(map.shard_count()));
  EXPECT_GE(map.shard_count(), 8U);
  EXPECT_LE(map.shard_count(), 1024U);
}

TEST(sharded_map, RejectsAShardCountThatIsNotAPowerOfTwo) {
  EXPECT_THROW((sharded_map<int, int>{0}), std::invalid_argument);
  EXPECT_THROW((sharded_map<int, int>{12}), std::invalid_argument);
  EXPECT_EQ((sharded_map<int, int>{1}.shard_count()), 1U);
}

TEST(sharded_map, EveryShardCountKeepsEveryKey) {
  for (const std::size_t shards : {1U, 2U, 64U}) {
    sharded_map<int, int> map{shards};
    for (int key = 0; key < 500; ++key) map.insert(key, -key);
    EXPECT_EQ(map.size(), 500U);
    for (int key = 0; key < 500; ++key) EXPECT_EQ(map.find(key), -key);
    EXPECT_EQ(map.snapshot().size(), 500U);
  }
}

}  // namespace
}  // namespace safemap::test
