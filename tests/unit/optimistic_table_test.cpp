// sharded_map's lock-free-read shards (detail/optimistic_table.hpp): a long random mix agrees
// with std::unordered_map; lookups racing writes that shift entries back and grow the array
// only ever see a key's own value; growth frees outgrown arrays, never under a lookup; and a
// lookup does not wait for a writer holding the lock.
#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <future>
#include <optional>
#include <random>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

#include <gtest/gtest.h>

#include <safemap/detail/optimistic_table.hpp>
#include <safemap/sharded_map.hpp>

namespace safemap::test {
namespace {

// Few distinct homes, so erases keep shifting entries of long runs, some wrapping around.
struct few_homes {
  std::size_t operator()(std::uint64_t key) const noexcept { return key % 5; }
};

using table =
    detail::optimistic_table<std::uint64_t, std::uint64_t, few_homes, std::equal_to<std::uint64_t>>;
// Frees what it outgrows at every doubling, not only once it is big: many more frees to race.
using table_freeing_at_every_doubling =
    detail::optimistic_table<std::uint64_t, std::uint64_t, std::hash<std::uint64_t>,
                             std::equal_to<std::uint64_t>, 0>;

void expect_same(const table& actual,
                 const std::unordered_map<std::uint64_t, std::uint64_t>& model) {
  std::unordered_map<std::uint64_t, std::uint64_t> seen;
  auto collect = [&seen](std::uint64_t key, std::uint64_t value) { seen.emplace(key, value); };
  {
    const auto lock = actual.lock_for_reading();
    ASSERT_EQ(actual.size(lock), model.size());
    actual.for_each(lock, collect);
  }
  EXPECT_EQ(seen, model);
  for (const auto& [key, value] : model) EXPECT_EQ(actual.find(key), value) << key;
}

TEST(optimistic_table, RandomMixAgreesWithUnorderedMap) {
  table actual;
  std::unordered_map<std::uint64_t, std::uint64_t> model;
  std::mt19937_64 random{12345};
  std::uniform_int_distribution<std::uint64_t> key_of{0, 59};
  for (std::uint64_t step = 0; step < 20'000; ++step) {
    const std::uint64_t key = key_of(random);
    switch (random() % 5) {
      case 0:
        EXPECT_EQ(actual.insert(key, std::uint64_t{step}), model.try_emplace(key, step).second);
        break;
      case 1:
        EXPECT_EQ(actual.insert_or_assign(key, std::uint64_t{step}),
                  model.insert_or_assign(key, step).second);
        break;
      case 2: {
        auto make = [step] { return step; };
        auto add_one = [](std::uint64_t& value) { ++value; };
        const bool absent = !model.contains(key);
        EXPECT_EQ(actual.upsert(key, make, add_one), absent);
        if (absent)
          model.emplace(key, step);
        else
          ++model[key];
        break;
      }
      default: EXPECT_EQ(actual.erase(key), model.erase(key) == 1) << key; break;
    }
    EXPECT_EQ(actual.contains(key), model.contains(key)) << key;
    if (step % 1000 == 0) expect_same(actual, model);
  }
  expect_same(actual, model);
  actual.clear(actual.lock_for_writing());
  model.clear();
  expect_same(actual, model);
  EXPECT_FALSE(actual.contains(1));
}

// A lookup that did not validate its read would, now and then, copy a slot half way through a
// backward shift (the next entry's key already moved in, its value not yet) and return another
// key's value. Every key here maps to key_value(key), so any other value is such a torn read.
std::uint64_t key_value(std::uint64_t key) { return key * 7 + 1; }

TEST(optimistic_table, LookupsRacingShiftsAndGrowthSeeOnlyTheKeysOwnValue) {
  constexpr std::uint64_t key_count = 200;
  table actual;
  std::atomic<bool> writing{true};
  std::thread writer{[&] {
    std::mt19937_64 random{7};
    for (int round = 0; round < 1000; ++round) {
      for (std::uint64_t key = 0; key < key_count; ++key) actual.insert(key, key_value(key));
      for (std::uint64_t key = 0; key < key_count; ++key) {
        if (random() % 2 == 0) actual.erase(key);
      }
      if (round % 100 == 0) actual.clear(actual.lock_for_writing());
    }
    writing = false;
  }};
  std::uint64_t lookups = 0;
  std::uint64_t torn = 0;
  std::mt19937_64 random{11};
  while (writing) {
    const std::uint64_t key = random() % key_count;
    const auto found = actual.find(key);
    torn += found.has_value() && *found != key_value(key) ? 1 : 0;
    ++lookups;
  }
  writer.join();
  EXPECT_EQ(torn, 0U) << "of " << lookups << " lookups";
  EXPECT_GT(lookups, 0U);
}

// Growth frees the array it outgrew once no lookup can still be probing it. Tables that grow
// from empty, one after another, while two threads keep looking keys up in the one being filled:
// freeing an array a lookup still probes is a heap-use-after-free for ASan, an unordered free
// for TSan, and, in a plain build, garbage that validation may let through as a torn value.
TEST(optimistic_table, OutgrownArraysAreFreedOnceNoLookupCanHoldThem) {
  constexpr std::size_t table_count = 500;
  constexpr std::uint64_t keys_per_table = 1024;  // 8 doublings from 8 slots
  std::vector<table_freeing_at_every_doubling> tables(table_count);
  std::atomic<std::size_t> filling{0};
  std::atomic<std::uint64_t> torn{0};
  std::atomic<std::uint64_t> lookups{0};
  auto look_up = [&](std::uint64_t seed) {
    std::mt19937_64 random{seed};
    for (std::size_t index = filling.load(); index < table_count; index = filling.load()) {
      const std::uint64_t key = random() % keys_per_table;
      const auto found = tables[index].find(key);
      if (found.has_value() && *found != key_value(key)) ++torn;
      ++lookups;
    }
  };
  std::thread first_reader{look_up, 1};
  std::thread second_reader{look_up, 2};
  for (std::size_t index = 0; index < table_count; ++index) {
    for (std::uint64_t key = 0; key < keys_per_table; ++key) {
      tables[index].insert(key, key_value(key));
    }
    filling = index + 1;
  }
  first_reader.join();
  second_reader.join();
  EXPECT_EQ(torn.load(), 0U) << "of " << lookups.load() << " lookups";
  EXPECT_GT(lookups.load(), 0U);
  if (!detail::lock_free_readers::can_wait_for_readers()) return;  // they are kept
  for (const auto& each : tables) EXPECT_EQ(each.array_count(each.lock_for_reading()), 1U);
}

// Waiting for readers costs a system call, so the default table keeps small outgrown arrays and
// frees them once they hold FreeOutgrownFromBytes (64 KiB) together.
TEST(optimistic_table, FreesOutgrownArraysOnceTheyAreBig) {
  if (!detail::lock_free_readers::can_wait_for_readers()) GTEST_SKIP() << "no membarrier(2) here";
  detail::optimistic_table<std::uint64_t, std::uint64_t, std::hash<std::uint64_t>,
                           std::equal_to<std::uint64_t>>
      actual;
  std::uint64_t key = 0;
  for (; key < 100; ++key) actual.insert(key, key_value(key));
  EXPECT_GT(actual.array_count(actual.lock_for_reading()), 1U);
  for (; key < 8192; ++key) actual.insert(key, key_value(key));  // 16384 slots of 17 bytes
  EXPECT_EQ(actual.array_count(actual.lock_for_reading()), 1U);
  for (key = 0; key < 8192; ++key) EXPECT_EQ(actual.find(key), key_value(key));
}

TEST(optimistic_table, LookupDoesNotWaitForAWriterHoldingTheLock) {
  sharded_map<std::uint64_t, std::uint64_t> map{1};  // one shard: both keys share one lock
  map.insert(1, 10);
  map.insert(2, 20);
  std::promise<std::optional<std::uint64_t>> seen;
  auto answer = seen.get_future();
  std::thread reader;
  bool answered_while_locked = false;
  // update runs its callback with the shard locked (before its write section opens).
  map.update(1, [&](std::uint64_t& value) {
    reader = std::thread{[&] { seen.set_value(map.find(2)); }};
    answered_while_locked = answer.wait_for(std::chrono::seconds{30}) == std::future_status::ready;
    ++value;
  });
  reader.join();
  EXPECT_TRUE(answered_while_locked);
  EXPECT_EQ(answer.get(), 20U);
  EXPECT_EQ(map.find(1), 11U);
}

TEST(optimistic_table, ShardedMapUsesItOnlyWhereSlotsCanBeReadAtomically) {
  static_assert(
      detail::optimistic_table_suits<std::uint64_t, std::uint64_t, std::hash<std::uint64_t>>);
  static_assert(detail::optimistic_table_suits<int, const void*, std::hash<int>>);
  static_assert(!detail::optimistic_table_suits<int, std::string, std::hash<int>>);
  struct too_big_for_one_atomic {
    std::uint64_t parts[4];
  };
  static_assert(!detail::optimistic_table_suits<int, too_big_for_one_atomic, std::hash<int>>);
  struct throwing_hash {
    std::size_t operator()(int key) const { return std::hash<int>{}(key); }
  };
  static_assert(!detail::optimistic_table_suits<int, int, throwing_hash>);
}

}  // namespace
}  // namespace safemap::test
