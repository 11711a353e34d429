// The mutable flat table behind sharded_map's shards (detail/flat_table.hpp): a long random mix
// of inserts, assigns and erases agrees with std::unordered_map at every step, including runs of
// colliding keys whose erase must shift later entries back (and around the end of the array).
#include <cstddef>
#include <memory>
#include <random>
#include <string>
#include <unordered_map>

#include <gtest/gtest.h>

#include <safemap/detail/flat_table.hpp>
#include <safemap/sharded_map.hpp>

namespace safemap::test {
namespace {

template <class Table, class Model>
void expect_same(const Table& table, const Model& model) {
  ASSERT_EQ(table.size(), model.size());
  std::size_t visited = 0;
  for (const auto& [key, value] : table) {
    ++visited;
    const auto found = model.find(key);
    ASSERT_NE(found, model.end()) << key;
    EXPECT_EQ(found->second, value) << key;
  }
  EXPECT_EQ(visited, model.size());
  for (const auto& [key, value] : model) {
    const auto found = table.find(key);
    ASSERT_NE(found, table.end()) << key;
    EXPECT_EQ(found->second, value) << key;
  }
}

// Few distinct homes, so erases keep shifting entries of long runs, some wrapping around.
struct few_homes {
  std::size_t operator()(int key) const noexcept { return static_cast<std::size_t>(key % 5); }
};

template <class Hash>
void random_mix_agrees_with_unordered_map(int key_range) {
  detail::flat_table<int, int, Hash, std::equal_to<int>> table;
  std::unordered_map<int, int> model;
  std::mt19937 random{12345};
  std::uniform_int_distribution<int> key_of{0, key_range - 1};
  for (int step = 0; step < 20'000; ++step) {
    const int key = key_of(random);
    switch (random() % 4) {
      case 0:
        EXPECT_EQ(table.try_emplace(key, step).second, model.try_emplace(key, step).second);
        break;
      case 1:
        EXPECT_EQ(table.insert_or_assign(key, step).second,
                  model.insert_or_assign(key, step).second);
        break;
      default: EXPECT_EQ(table.erase(key), model.erase(key)) << key; break;
    }
    EXPECT_EQ(table.contains(key), model.contains(key)) << key;
    if (step % 1000 == 0) expect_same(table, model);
  }
  expect_same(table, model);
  table.clear();
  EXPECT_EQ(table.size(), 0U);
  EXPECT_EQ(table.begin(), table.end());
  EXPECT_FALSE(table.contains(1));
}

TEST(flat_table, RandomMixAgreesWithUnorderedMap) {
  random_mix_agrees_with_unordered_map<std::hash<int>>(1000);
}

TEST(flat_table, RandomMixOfCollidingKeysAgreesWithUnorderedMap) {
  random_mix_agrees_with_unordered_map<few_homes>(60);
}

TEST(flat_table, HoldsMoveOnlyValues) {
  detail::flat_table<int, std::unique_ptr<int>, std::hash<int>, std::equal_to<int>> table;
  for (int key = 0; key < 100; ++key) table.try_emplace(key, std::make_unique<int>(key));
  for (int key = 0; key < 100; key += 2) EXPECT_EQ(table.erase(key), 1U);
  for (int key = 1; key < 100; key += 2) EXPECT_EQ(*table.find(key)->second, key);
  EXPECT_EQ(table.size(), 50U);
}

// sharded_map picks the flat table only where entries can move without throwing.
struct throwing_hash {
  std::size_t operator()(int key) const { return std::hash<int>{}(key); }
};

TEST(flat_table, ShardedMapFallsBackWhereEntriesCouldThrowWhileMoving) {
  static_assert(detail::flat_table_suits<int, std::string, std::hash<int>>);
  static_assert(!detail::flat_table_suits<int, int, throwing_hash>);
  sharded_map<int, int, throwing_hash> map;
  EXPECT_TRUE(map.insert(1, 10));
  EXPECT_EQ(map.find(1), 10);
}

}  // namespace
}  // namespace safemap::test
