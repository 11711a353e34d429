// A few threads, briefly, on every variant: counts are exact and readers see whole values.
// (Heavy, long stress lives in the stress harness; this only proves the basics under the
// sanitizer presets.)
#include <atomic>
#include <cstddef>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

#include <gtest/gtest.h>

#include "variant_families.hpp"

namespace safemap::test {
namespace {

constexpr int writer_threads = 4;
constexpr int increments_per_writer = 500;
constexpr int hot_keys = 8;

template <class Family>
class concurrency_smoke : public ::testing::Test {};
TYPED_TEST_SUITE(concurrency_smoke, mutating_families, family_name);

// Go's racy counts[key]++, done through upsert from several threads at once, with readers and
// whole-map operations running alongside: no increment may be lost.
TYPED_TEST(concurrency_smoke, ConcurrentUpsertsLoseNoIncrement) {
  typename TypeParam::template map<int, int> counts;
  std::atomic<bool> writers_done{false};
  std::vector<std::thread> threads;
  for (int writer = 0; writer < writer_threads; ++writer) {
    threads.emplace_back([&, writer] {
      for (int step = 0; step < increments_per_writer; ++step) {
        counts.upsert((writer + step) % hot_keys, [] { return 1; }, [](int& count) { ++count; });
      }
    });
  }
  threads.emplace_back([&] {
    while (!writers_done) {
      int total = 0;
      counts.for_each([&](const int&, const int& count) { total += count; });
      EXPECT_LE(total, writer_threads * increments_per_writer);
      EXPECT_LE(counts.snapshot().size(), static_cast<std::size_t>(hot_keys));
      static_cast<void>(counts.find(0));
    }
  });
  for (int writer = 0; writer < writer_threads; ++writer) threads[writer].join();
  writers_done = true;
  threads.back().join();

  int total = 0;
  for (const auto& [key, count] : counts.snapshot()) total += count;
  EXPECT_EQ(total, writer_threads * increments_per_writer);
  EXPECT_EQ(counts.size(), static_cast<std::size_t>(hot_keys));
}

// Readers never see a torn or half-assigned value: every value written is a string of one
// repeated letter, long enough to live on the heap.
TYPED_TEST(concurrency_smoke, ReadersSeeOnlyWholeValues) {
  typename TypeParam::template map<int, std::string> map;
  std::atomic<bool> done{false};
  std::thread writer{[&] {
    for (int round = 0; round < 300; ++round) {
      map.insert_or_assign(round % 4, std::string(64, static_cast<char>('a' + round % 26)));
      if (round % 50 == 0) map.erase(round % 4);
    }
    done = true;
  }};
  std::thread reader{[&] {
    while (!done) {
      for (int key = 0; key < 4; ++key) {
        if (const auto value = map.find(key)) {
          EXPECT_EQ(*value, std::string(value->size(), value->front()));
        }
      }
    }
  }};
  writer.join();
  reader.join();
}

}  // namespace
}  // namespace safemap::test
