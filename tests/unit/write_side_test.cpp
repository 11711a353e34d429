// The write side of the API (safemap::concurrent_map), over every mutating variant.
#include <atomic>
#include <chrono>
#include <stdexcept>
#include <string>
#include <thread>
#include <unordered_map>

#include <gtest/gtest.h>

#include "test_values.hpp"
#include "variant_families.hpp"

namespace safemap::test {
namespace {

template <class Family>
class write_side : public ::testing::Test {
 protected:
  using int_map = typename Family::template map<int, int>;
};
TYPED_TEST_SUITE(write_side, mutating_families, family_name);

TYPED_TEST(write_side, ModelsTheConcurrentMapConcept) {
  static_assert(concurrent_map<typename TypeParam::template map<int, int>>);
  static_assert(concurrent_map<typename TypeParam::template map<std::string, std::string>>);
}

TYPED_TEST(write_side, WritesToMissingKeysReportAbsence) {
  typename TestFixture::int_map map;
  bool called = false;
  EXPECT_FALSE(map.erase(1));
  EXPECT_FALSE(map.update(1, [&](int&) { called = true; }));
  EXPECT_FALSE(called);
  map.clear();
  EXPECT_TRUE(map.empty());
}

TYPED_TEST(write_side, InsertAddsOnlyWhenAbsent) {
  typename TestFixture::int_map map;
  EXPECT_TRUE(map.insert(1, 10));
  EXPECT_FALSE(map.insert(1, 11));
  EXPECT_EQ(map.find(1), 10);
  EXPECT_EQ(map.size(), 1U);
}

TYPED_TEST(write_side, InsertOrAssignReplacesAndSaysWhetherItAdded) {
  typename TestFixture::int_map map;
  EXPECT_TRUE(map.insert_or_assign(1, 10));
  EXPECT_FALSE(map.insert_or_assign(1, 11));
  EXPECT_EQ(map.find(1), 11);
  EXPECT_EQ(map.size(), 1U);
}

TYPED_TEST(write_side, EraseRemovesOnlyThatKey) {
  typename TestFixture::int_map map;
  map.insert(1, 10);
  map.insert(2, 20);
  EXPECT_TRUE(map.erase(1));
  EXPECT_FALSE(map.erase(1));
  EXPECT_FALSE(map.contains(1));
  EXPECT_EQ(map.find(2), 20);
}

TYPED_TEST(write_side, ClearRemovesEverything) {
  typename TestFixture::int_map map;
  for (int key = 0; key < 50; ++key) map.insert(key, key);
  map.clear();
  EXPECT_TRUE(map.empty());
  EXPECT_EQ(map.find(3), std::nullopt);
  EXPECT_TRUE(map.insert(3, 3));
}

TYPED_TEST(write_side, UpdateMutatesThePresentValue) {
  typename TestFixture::int_map map;
  map.insert(1, 10);
  EXPECT_TRUE(map.update(1, [](int& value) { value *= 3; }));
  EXPECT_EQ(map.find(1), 30);
}

TYPED_TEST(write_side, UpsertIsGetOrInsert) {
  typename TestFixture::int_map map;
  const auto count = [&](int key) {
    return map.upsert(key, [] { return 1; }, [](int& counter) { ++counter; });
  };
  EXPECT_TRUE(count(7));
  EXPECT_FALSE(count(7));
  EXPECT_FALSE(count(7));
  EXPECT_TRUE(count(8));
  EXPECT_EQ(map.find(7), 3);
  EXPECT_EQ(map.find(8), 1);
}

TYPED_TEST(write_side, SnapshotIsIndependentOfLaterWrites) {
  typename TestFixture::int_map map;
  map.insert(1, 10);
  const auto before = map.snapshot();
  map.insert_or_assign(1, 11);
  map.insert(2, 20);
  EXPECT_EQ(before, (std::unordered_map<int, int>{{1, 10}}));
  EXPECT_EQ(map.snapshot(), (std::unordered_map<int, int>{{1, 11}, {2, 20}}));
}

TYPED_TEST(write_side, ThrowingHashLeavesTheMapUsable) {
  typename TypeParam::template map<int, int, poison_hash> map;
  EXPECT_THROW(map.insert(poison_key, 1), std::runtime_error);
  EXPECT_THROW(map.upsert(poison_key, [] { return 1; }, [](int&) {}), std::runtime_error);
  EXPECT_TRUE(map.insert(1, 10));
  EXPECT_EQ(map.size(), 1U);
}

TYPED_TEST(write_side, ThrowingCallbacksLeaveTheMapUsable) {
  typename TestFixture::int_map map;
  map.insert(1, 10);
  EXPECT_THROW(map.update(1, [](int&) { throw std::runtime_error{"update"}; }), std::runtime_error);
  EXPECT_THROW(map.upsert(
                   2, []() -> int { throw std::runtime_error{"make"}; }, [](int&) {}),
               std::runtime_error);
  EXPECT_THROW(map.upsert(
                   1, [] { return 0; }, [](int&) { throw std::runtime_error{"mutate"}; }),
               std::runtime_error);
  // A failed make() inserts nothing; the locks are free again.
  EXPECT_FALSE(map.contains(2));
  EXPECT_TRUE(map.insert(3, 30));
  EXPECT_EQ(map.size(), 2U);
}

TYPED_TEST(write_side, ThrowingValueCopyLeavesTheMapUsable) {
  typename TypeParam::template map<int, copy_bomb> map;
  map.insert(1, copy_bomb{10});
  {
    const armed_copies armed;
    EXPECT_THROW(static_cast<void>(map.find(1)), std::runtime_error);
  }
  EXPECT_TRUE(map.insert(2, copy_bomb{20}));
  EXPECT_EQ(map.find(1), copy_bomb{10});
}

// for_each sees the state of one instant (a locked traversal or a published table), so an
// erase from another thread in the middle of it is either wholly seen or not at all, never
// half-applied, and never a crash.
TYPED_TEST(write_side, EraseDuringAnotherThreadsForEach) {
  typename TestFixture::int_map map;
  constexpr int entries = 64;
  for (int key = 0; key < entries; ++key) map.insert(key, key);
  std::atomic<bool> traversal_started{false};
  std::atomic<bool> eraser_started{false};
  int visited = 0;
  std::thread traversal{[&] {
    map.for_each([&](const int&, const int&) {
      if (visited++ == 0) {
        traversal_started = true;
        while (!eraser_started) std::this_thread::yield();
        // Give the eraser time to reach the map; whether it waits or not, the traversal's
        // view must stay whole.
        std::this_thread::sleep_for(std::chrono::milliseconds{5});
      }
    });
  }};
  while (!traversal_started) std::this_thread::yield();
  eraser_started = true;
  const bool erased = map.erase(entries / 2);
  traversal.join();
  EXPECT_TRUE(erased);
  EXPECT_EQ(visited, entries);
  EXPECT_FALSE(map.contains(entries / 2));
  EXPECT_EQ(map.size(), static_cast<std::size_t>(entries - 1));
}

}  // namespace
}  // namespace safemap::test
