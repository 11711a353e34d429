// The read side of the API (safemap::readable_map), over every variant, frozen_map included.
#include <cctype>
#include <cstddef>
#include <map>
#include <stdexcept>
#include <string>
#include <unordered_map>

#include <gtest/gtest.h>

#include "test_values.hpp"
#include "variant_families.hpp"

namespace safemap::test {
namespace {

template <class Family>
class read_side : public ::testing::Test {};
TYPED_TEST_SUITE(read_side, all_families, family_name);

TYPED_TEST(read_side, ModelsTheReadableConcept) {
  static_assert(readable_map<typename TypeParam::template map<int, int>>);
  static_assert(readable_map<typename TypeParam::template map<std::string, std::string>>);
}

TYPED_TEST(read_side, EmptyMapAnswersEveryQuery) {
  using map_type = typename TypeParam::template map<int, std::string>;
  const auto map = make_filled<map_type>({});
  EXPECT_TRUE(map->empty());
  EXPECT_EQ(map->size(), 0U);
  EXPECT_EQ(map->find(1), std::nullopt);
  EXPECT_FALSE(map->contains(1));
  int visits = 0;
  map->for_each([&](const int&, const std::string&) { ++visits; });
  EXPECT_EQ(visits, 0);
  EXPECT_TRUE(map->snapshot().empty());
}

TYPED_TEST(read_side, LookupsReturnCopiesOfPresentValues) {
  using map_type = typename TypeParam::template map<int, std::string>;
  const auto map = make_filled<map_type>({{1, "one"}, {2, "two"}});
  EXPECT_FALSE(map->empty());
  EXPECT_EQ(map->size(), 2U);
  EXPECT_EQ(map->find(1), "one");
  EXPECT_EQ(map->find(2), "two");
  EXPECT_EQ(map->find(3), std::nullopt);
  EXPECT_TRUE(map->contains(2));
  EXPECT_FALSE(map->contains(3));
}

TYPED_TEST(read_side, ForEachVisitsEveryEntryOnce) {
  using map_type = typename TypeParam::template map<int, int>;
  std::unordered_map<int, int> entries;
  for (int key = 0; key < 100; ++key) entries.emplace(key, key * key);
  const auto map = make_filled<map_type>(entries);
  std::map<int, int> seen;
  map->for_each(
      [&](const int& key, const int& value) { EXPECT_TRUE(seen.emplace(key, value).second); });
  EXPECT_EQ(seen, (std::map<int, int>(entries.begin(), entries.end())));
}

TYPED_TEST(read_side, SnapshotEqualsContents) {
  using map_type = typename TypeParam::template map<int, int>;
  const std::unordered_map<int, int> entries{{1, 10}, {2, 20}, {3, 30}};
  EXPECT_EQ(make_filled<map_type>(entries)->snapshot(), entries);
}

std::string lower_case(const std::string& text) {
  std::string lower;
  for (const char letter : text) {
    lower += static_cast<char>(std::tolower(static_cast<unsigned char>(letter)));
  }
  return lower;
}

struct case_insensitive_hash {
  std::size_t operator()(const std::string& text) const {
    return std::hash<std::string>{}(lower_case(text));
  }
};

struct case_insensitive_equal {
  bool operator()(const std::string& left, const std::string& right) const {
    return lower_case(left) == lower_case(right);
  }
};

TYPED_TEST(read_side, UsesTheGivenHashAndKeyEqual) {
  using map_type = typename TypeParam::template map<std::string, int, case_insensitive_hash,
                                                    case_insensitive_equal>;
  const auto map = make_filled<map_type>({{"Alpha", 1}});
  EXPECT_EQ(map->find("ALPHA"), 1);
  EXPECT_TRUE(map->contains("alpha"));
  EXPECT_FALSE(map->contains("alphabet"));
}

TYPED_TEST(read_side, HugeValuesRoundTrip) {
  using map_type = typename TypeParam::template map<int, std::string>;
  const std::string huge(8U << 20U, 'x');
  const auto map = make_filled<map_type>({{7, huge}});
  EXPECT_EQ(map->find(7), huge);
  EXPECT_EQ(map->snapshot().at(7), huge);
}

TYPED_TEST(read_side, ThrowingCopyOutLeavesTheMapUsable) {
  using map_type = typename TypeParam::template map<int, copy_bomb>;
  std::unordered_map<int, copy_bomb> entries;
  entries.emplace(1, copy_bomb{10});
  entries.emplace(2, copy_bomb{20});
  const auto map = make_filled<map_type>(entries);
  {
    const armed_copies armed;
    EXPECT_THROW(static_cast<void>(map->find(1)), std::runtime_error);
    EXPECT_THROW(static_cast<void>(map->snapshot()), std::runtime_error);
  }
  // Every guard the failed reads took is released: reading again neither hangs nor fails.
  EXPECT_EQ(map->find(2), copy_bomb{20});
  EXPECT_EQ(map->size(), 2U);
}

TYPED_TEST(read_side, ThrowingHashLeavesTheMapUsable) {
  using map_type = typename TypeParam::template map<int, int, poison_hash>;
  const auto map = make_filled<map_type>({{1, 10}});
  EXPECT_THROW(static_cast<void>(map->find(poison_key)), std::runtime_error);
  EXPECT_THROW(static_cast<void>(map->contains(poison_key)), std::runtime_error);
  EXPECT_EQ(map->find(1), 10);
}

TYPED_TEST(read_side, ThrowingVisitorLeavesTheMapUsable) {
  using map_type = typename TypeParam::template map<int, int>;
  const auto map = make_filled<map_type>({{1, 10}, {2, 20}});
  EXPECT_THROW(map->for_each([](const int&, const int&) { throw std::runtime_error{"visitor"}; }),
               std::runtime_error);
  EXPECT_EQ(map->size(), 2U);
}

}  // namespace
}  // namespace safemap::test
