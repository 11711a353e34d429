// owner_thread_map: requests run on the owner thread; shutdown loses no request, hangs nowhere,
// and makes every later call throw safemap::map_shut_down.
#include <atomic>
#include <future>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

#include <gtest/gtest.h>

#include <safemap/owner_thread_map.hpp>

namespace safemap::test {
namespace {

using map_type = owner_thread_map<int, int>;

TEST(owner_thread_map, CallbacksRunOnTheOwnerThreadNotTheCaller) {
  map_type map;
  map.insert(1, 1);
  std::thread::id callback_thread;
  map.update(1, [&](int&) { callback_thread = std::this_thread::get_id(); });
  EXPECT_NE(callback_thread, std::this_thread::get_id());
  std::thread::id async_thread =
      map.async([](map_type::table_type&) { return std::this_thread::get_id(); }).get();
  EXPECT_EQ(async_thread, callback_thread);
}

TEST(owner_thread_map, AsyncRequestsRunInOrderAndCarryResultsAndExceptions) {
  map_type map;
  auto inserted =
      map.async([](map_type::table_type& table) { return table.emplace(1, 10).second; });
  auto failed =
      map.async([](map_type::table_type&) -> int { throw std::runtime_error{"request"}; });
  auto value = map.async([](map_type::table_type& table) { return table.at(1); });
  EXPECT_TRUE(inserted.get());
  EXPECT_THROW(failed.get(), std::runtime_error);
  EXPECT_EQ(value.get(), 10);
}

TEST(owner_thread_map, EveryOperationAfterShutdownThrowsMapShutDown) {
  map_type map;
  map.insert(1, 1);
  map.shutdown();
  EXPECT_THROW(static_cast<void>(map.find(1)), map_shut_down);
  EXPECT_THROW(static_cast<void>(map.contains(1)), map_shut_down);
  EXPECT_THROW(static_cast<void>(map.size()), map_shut_down);
  EXPECT_THROW(map.insert(2, 2), map_shut_down);
  EXPECT_THROW(map.insert_or_assign(2, 2), map_shut_down);
  EXPECT_THROW(map.erase(1), map_shut_down);
  EXPECT_THROW(map.clear(), map_shut_down);
  EXPECT_THROW(map.update(1, [](int&) {}), map_shut_down);
  EXPECT_THROW(map.upsert(1, [] { return 0; }, [](int&) {}), map_shut_down);
  EXPECT_THROW(map.for_each([](const int&, const int&) {}), map_shut_down);
  EXPECT_THROW(static_cast<void>(map.snapshot()), map_shut_down);
  EXPECT_THROW(map.async([](map_type::table_type&) {}), map_shut_down);
  try {
    map.insert(2, 2);
  } catch (const map_shut_down& error) {
    EXPECT_EQ(std::string{error.what()},
              "safemap::owner_thread_map::insert() called after shutdown()");
  }
}

TEST(owner_thread_map, ShutdownServesEveryRequestQueuedBeforeIt) {
  map_type map;
  std::vector<std::future<bool>> answers;
  for (int key = 0; key < 1000; ++key) {
    answers.push_back(
        map.async([key](map_type::table_type& table) { return table.emplace(key, key).second; }));
  }
  auto final_size = map.async([](map_type::table_type& table) { return table.size(); });
  map.shutdown();
  for (auto& answer : answers) EXPECT_TRUE(answer.get());
  EXPECT_EQ(final_size.get(), 1000U);
}

// Threads keep calling while another shuts the map down: each call either completes (and was
// really executed) or throws map_shut_down; none hangs, none is lost.
TEST(owner_thread_map, CallsRacingWithShutdownRunOrThrowNeverVanish) {
  map_type map;
  std::atomic<int> executed{0};
  std::atomic<int> answered{0};
  std::atomic<int> refused{0};
  std::vector<std::thread> callers;
  for (int caller = 0; caller < 4; ++caller) {
    callers.emplace_back([&, caller] {
      for (int step = 0;; ++step) {
        try {
          map.upsert(
              caller,
              [&] {
                ++executed;
                return 1;
              },
              [&](int& count) {
                ++executed;
                ++count;
              });
          ++answered;
        } catch (const map_shut_down&) {
          ++refused;
          return;
        }
        if (step == 200) std::this_thread::yield();
      }
    });
  }
  while (answered < 100) std::this_thread::yield();
  map.shutdown();
  for (auto& caller : callers) caller.join();
  EXPECT_EQ(executed, answered);
  EXPECT_EQ(refused, 4);
}

TEST(owner_thread_map, ShutdownIsIdempotentAndSafeFromSeveralThreads) {
  map_type map;
  map.insert(1, 1);
  std::thread first{[&] { map.shutdown(); }};
  std::thread second{[&] { map.shutdown(); }};
  first.join();
  second.join();
  EXPECT_NO_THROW(map.shutdown());
}  // and the destructor shuts down once more

TEST(owner_thread_map, ShutdownOrAsyncFromACallbackIsAReentrantCall) {
  map_type map;
  map.insert(1, 1);
  EXPECT_THROW(map.update(1, [&](int&) { map.shutdown(); }), reentrant_call);
  EXPECT_THROW(map.update(1, [&](int&) { map.async([](map_type::table_type&) {}); }),
               reentrant_call);
  EXPECT_EQ(map.find(1), 1);
}

}  // namespace
}  // namespace safemap::test
