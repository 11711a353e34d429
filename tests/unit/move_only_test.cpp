// Move-only values (std::unique_ptr) in every variant that does not copy values on its own
// (read_mostly_map copies its table on each write, frozen_map is built from copies).
#include <memory>
#include <utility>

#include <gtest/gtest.h>

#include "variant_families.hpp"

namespace safemap::test {
namespace {

template <class Family>
class move_only : public ::testing::Test {};
TYPED_TEST_SUITE(move_only, move_only_families, family_name);

TYPED_TEST(move_only, StoresUpdatesAndVisitsMoveOnlyValues) {
  static_assert(TypeParam::move_only_values);
  typename TypeParam::template map<int, std::unique_ptr<int>> map;
  EXPECT_TRUE(map.insert(1, std::make_unique<int>(10)));
  EXPECT_FALSE(map.insert(1, std::make_unique<int>(11)));
  EXPECT_FALSE(map.insert_or_assign(1, std::make_unique<int>(12)));
  EXPECT_TRUE(map.upsert(2, [] { return std::make_unique<int>(20); }, [](auto&) {}));
  EXPECT_FALSE(
      map.upsert(2, [] { return std::make_unique<int>(0); }, [](auto& value) { ++*value; }));
  EXPECT_TRUE(map.update(1, [](std::unique_ptr<int>& value) { *value += 100; }));
  int sum = 0;
  map.for_each([&](const int&, const std::unique_ptr<int>& value) { sum += *value; });
  EXPECT_EQ(sum, 112 + 21);
  EXPECT_TRUE(map.contains(2));
  EXPECT_TRUE(map.erase(2));
  EXPECT_EQ(map.size(), 1U);
  map.clear();
  EXPECT_TRUE(map.empty());
}

}  // namespace
}  // namespace safemap::test
