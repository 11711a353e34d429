// Atomics as scheduling points, in an executable compiled for them (safemap_use_atomic_points):
// every operation of TSan's atomic interface keeps its meaning, whichever runtime defines it (the
// harness's scheduling-points runtime outside the tsan presets, TSan's behind the wrappers in
// them), and each is exactly one scheduling point of a controlled thread.
#include <gtest/gtest.h>

#include <atomic>
#include <cstdint>
#include <functional>

#include "stress/explore/explore.hpp"
#include "stress/schedule/scheduler.hpp"
#include "stress/schedule/strategy.hpp"

namespace safemap::stress::schedule {
namespace {

TEST(AtomicPoints, AreBuiltIntoThisExecutable) { EXPECT_TRUE(atomic_points_built()); }

template <typename Integer>
class AtomicOperations : public ::testing::Test {};
using widths = ::testing::Types<std::uint8_t, std::uint16_t, std::uint32_t, std::uint64_t>;
TYPED_TEST_SUITE(AtomicOperations, widths);

TYPED_TEST(AtomicOperations, KeepTheirMeaning) {
  using integer = TypeParam;
  std::atomic<integer> atomic{5};
  EXPECT_EQ(atomic.load(), 5);
  atomic.store(6, std::memory_order_release);
  EXPECT_EQ(atomic.exchange(7), 6);
  EXPECT_EQ(atomic.fetch_add(3), 7);
  EXPECT_EQ(atomic.fetch_sub(2), 10);
  EXPECT_EQ(atomic.fetch_and(12), 8);
  EXPECT_EQ(atomic.fetch_or(1), 8);
  EXPECT_EQ(atomic.fetch_xor(3), 9);
  integer expected = 1;
  EXPECT_FALSE(atomic.compare_exchange_strong(expected, 2));
  EXPECT_EQ(expected, 10);
  EXPECT_TRUE(atomic.compare_exchange_strong(expected, 11, std::memory_order_acq_rel));
  while (!atomic.compare_exchange_weak(expected, 12)) {
  }
  EXPECT_EQ(atomic.load(std::memory_order_relaxed), 12);

  integer plain = 12;
  EXPECT_EQ(__atomic_fetch_nand(&plain, 10, __ATOMIC_SEQ_CST), 12);
  EXPECT_EQ(plain, static_cast<integer>(~(12 & 10)));
  plain = 3;
  EXPECT_EQ(__sync_val_compare_and_swap(&plain, 3, 4), 3);
  EXPECT_EQ(__sync_val_compare_and_swap(&plain, 3, 5), 4);
  EXPECT_EQ(plain, 4);
}

// The scheduling points `operation` makes on a controlled thread (one schedule of one thread).
std::uint64_t points_of(const std::function<void()>& operation) {
  std::uint64_t points = 0;
  const explore::exploration_settings settings{.schedules = 1, .budget_s = 60};
  explore::explore(
      settings,
      [&] {
        const std::uint64_t before = current_scheduler->steps();
        operation();
        points = current_scheduler->steps() - before;
      },
      [] { return false; });
  return points;
}

TEST(AtomicPoints, EachOperationIsOnePoint) {
  std::atomic<std::uint64_t> atomic{0};
  EXPECT_EQ(points_of([&] { (void)atomic.load(); }), 1u);
  EXPECT_EQ(points_of([&] { atomic.store(1); }), 1u);
  EXPECT_EQ(points_of([&] { atomic.fetch_add(1, std::memory_order_relaxed); }), 1u);
  EXPECT_EQ(points_of([&] {
              std::uint64_t expected = 0;
              atomic.compare_exchange_strong(expected, 1);
            }),
            1u);
  EXPECT_EQ(points_of([] { std::atomic_thread_fence(std::memory_order_seq_cst); }), 1u);
  EXPECT_EQ(points_of([&] {
              (void)atomic.load();
              atomic.store(2);
            }),
            2u);
}

}  // namespace
}  // namespace safemap::stress::schedule
