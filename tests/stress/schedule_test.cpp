// Controlled schedules (src/stress/schedule/): one thread at a time, the interleaving a function
// of the seed, locks seen through the link-time pthread wrappers, deadlocks named at once, and
// waits the scheduler does not model left to the operating system instead of hanging it.
#include <gtest/gtest.h>

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <iostream>
#include <mutex>
#include <shared_mutex>
#include <string>
#include <thread>
#include <tuple>
#include <vector>

#include <safemap/detail/sanitizer.hpp>

#include "stress/exit_code.hpp"
#include "stress/schedule/no_atomic_points.hpp"
#include "stress/schedule/scheduler.hpp"
#include "stress/schedule/strategy.hpp"
#include "stress/schedule/thread_activity.hpp"

namespace safemap::stress::schedule {
namespace {

// Prints the description and ends the process: what the harness's monitor does, minus gdb.
void exit_on_deadlock(const std::vector<std::string>& why) {
  for (const auto& line : why) std::cerr << line << '\n';
  std::cerr << std::flush;
  ::_exit(exit_no_progress);
}

struct run_totals {
  std::uint64_t steps = 0;
  std::uint64_t switches = 0;
  unsigned escapes = 0;
  std::uint64_t trace_hash = 0;
};

// Runs body(index) on `threads` controlled threads and returns what the scheduler counted;
// before_arriving(index) runs on each thread before it takes its seat.
run_totals run_controlled(schedule_kind kind, unsigned threads, std::uint64_t seed,
                          const std::function<void(unsigned)>& body,
                          const std::function<void(unsigned)>& before_arriving = {}) {
  scheduler controller{{.kind = kind, .pct_depth = 3}, threads, 400, seed, exit_on_deadlock};
  {
    std::vector<std::jthread> workers;
    for (unsigned index = 0; index < threads; ++index) {
      workers.emplace_back([&, index] {
        if (before_arriving) before_arriving(index);
        const scheduler::seat seat{&controller, index};
        body(index);
      });
    }
  }
  return {controller.steps(), controller.switches(), controller.escapes(), controller.trace_hash()};
}

// The order in which three threads take one mutex, 30 times each, as a string of thread digits.
std::string lock_order(schedule_kind kind, std::uint64_t seed) {
  std::mutex mutex;
  std::string order;
  run_controlled(kind, 3, seed, [&](unsigned index) {
    for (int round = 0; round < 30; ++round) {
      const std::lock_guard lock{mutex};
      order += static_cast<char>('0' + index);
    }
  });
  return order;
}

TEST(Schedule, NamesRoundTripAndUnknownNamesAreRefused) {
  for (schedule_kind kind : all_schedules) EXPECT_EQ(schedule_named(name_of(kind)), kind);
  EXPECT_FALSE(schedule_named("fair").has_value());
  EXPECT_FALSE(schedule_named("").has_value());
}

TEST(Schedule, OneSeedGivesOneInterleaving) {
  for (schedule_kind kind : {schedule_kind::random, schedule_kind::pct}) {
    for (std::uint64_t seed = 1; seed <= 5; ++seed) {
      const auto first = lock_order(kind, seed);
      for (int again = 0; again < 3; ++again)
        EXPECT_EQ(lock_order(kind, seed), first) << name_of(kind);
    }
  }
}

// The thread that arrives last hands out the first turn, and which one that is is up to the
// operating system: it must not change what the schedule counts, which a replay compares.
TEST(Schedule, ArrivalOrderDoesNotChangeTheCounts) {
  std::mutex mutex;
  const auto counts_when_last_is = [&](unsigned last) {
    const auto totals = run_controlled(
        schedule_kind::pct, 3, 7,
        [&](unsigned) {
          for (int round = 0; round < 30; ++round) {
            const std::lock_guard lock{mutex};
          }
        },
        [&](unsigned index) {
          if (index == last) std::this_thread::sleep_for(std::chrono::milliseconds(50));
        });
    return std::tuple{totals.steps, totals.switches, totals.trace_hash};
  };
  const auto first = counts_when_last_is(0);
  for (unsigned last : {1u, 2u}) {
    EXPECT_EQ(counts_when_last_is(last), first) << "thread " << last << " arrived last";
  }
}

TEST(Schedule, SeedsChooseDifferentInterleavings) {
  for (schedule_kind kind : {schedule_kind::random, schedule_kind::pct}) {
    std::vector<std::string> seen;
    for (std::uint64_t seed = 1; seed <= 8; ++seed) seen.push_back(lock_order(kind, seed));
    std::ranges::sort(seen);
    EXPECT_GT(std::ranges::unique(seen).begin() - seen.begin(), 1) << name_of(kind);
  }
}

TEST(Schedule, RunsOneThreadAtATime) {
  std::atomic<int> inside{0};
  std::atomic<int> most{0};
  const auto totals = run_controlled(schedule_kind::random, 4, 11, [&](unsigned) {
    for (int op = 0; op < 200; ++op) {
      {
        // The count's own atomics are no points (where atomics are): between two points of the
        // schedule, no other thread may run.
        const safemap::stress::schedule::no_atomic_points counting;
        const int now = inside.fetch_add(1) + 1;
        int seen = most.load();
        while (now > seen && !most.compare_exchange_weak(seen, now)) {
        }
        for (int spin = 0; spin < 50; ++spin) std::atomic_signal_fence(std::memory_order_seq_cst);
        inside.fetch_sub(1);
      }
      point();
    }
  });
  EXPECT_EQ(most.load(), 1);
  EXPECT_GT(totals.switches, 100u);  // and it did switch, often
}

// The wrappers are linked in: a lock is a scheduling point on a controlled thread.
TEST(Schedule, LocksAreSchedulingPoints) {
  std::mutex mutex;
  std::shared_mutex shared;
  const auto totals = run_controlled(schedule_kind::pct, 2, 3, [&](unsigned) {
    {
      const std::lock_guard lock{mutex};
    }
    {
      const std::shared_lock lock{shared};
    }
    {
      const std::unique_lock lock{shared};
    }
  });
  EXPECT_EQ(totals.steps, 2u * 3 * 2);  // each thread: three locks, three unlocks
}

// Under ThreadSanitizer its own lock-order detector reports the inversion first, as soon as both
// orders have run (the tsan presets' exit code 66); the scheduler then never gets to see the
// deadlock itself.
TEST(ScheduleDeathTest, InvertedLockOrderIsADeadlockAtOnce) {
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  const bool tsan = detail::thread_sanitizer_build;
  EXPECT_EXIT(
      {
        std::mutex first;
        std::mutex second;
        for (std::uint64_t seed = 1;; ++seed) {
          run_controlled(schedule_kind::random, 2, seed, [&](unsigned index) {
            for (int round = 0; round < 50; ++round) {
              const std::lock_guard outer{index == 0 ? first : second};
              const std::lock_guard inner{index == 0 ? second : first};
            }
          });
        }
      },
      ::testing::ExitedWithCode(tsan ? 66 : exit_no_progress),
      tsan ? "ThreadSanitizer: lock-order-inversion"
           : "no worker can run(.|\n)*worker 0 waits for lock 0x[0-9a-f]+ \\(exclusive\\), held by "
             "worker 1");
}

TEST(ScheduleDeathTest, RelockingAMutexIsADeadlockOfOneThread) {
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  EXPECT_EXIT(
      {
        std::mutex mutex;
        run_controlled(schedule_kind::pct, 2, 1, [&](unsigned index) {
          const std::lock_guard lock{mutex};
          if (index == 1) mutex.lock();
        });
      },
      ::testing::ExitedWithCode(exit_no_progress),
      "worker 1 waits for lock .* which it holds itself");
}

TEST(Schedule, RecursiveMutexesMayBeTakenAgain) {
  std::recursive_mutex mutex;
  run_controlled(schedule_kind::pct, 2, 5, [&](unsigned) {
    const std::lock_guard outer{mutex};
    const std::lock_guard inner{mutex};
  });
}

// A condition variable waits inside the C++ runtime, where no wrapper sees it: the waiting
// thread keeps the turn without a scheduling point, and is left to the OS after a while.
TEST(Schedule, WaitsItDoesNotSeeDoNotHangIt) {
  unsigned escapes = 0;
  for (std::uint64_t seed = 1; seed <= 6; ++seed) {
    std::mutex mutex;
    std::condition_variable changed;
    bool ready = false;
    const auto totals = run_controlled(schedule_kind::pct, 2, seed, [&](unsigned index) {
      std::unique_lock lock{mutex};
      if (index == 0) {
        changed.wait(lock, [&] { return ready; });
      } else {
        ready = true;
        changed.notify_all();
      }
    });
    EXPECT_LE(totals.escapes, 2u);
    escapes += totals.escapes;
  }
  EXPECT_GT(escapes, 0u);  // some seed let the waiter run first
}

TEST(Schedule, SpinningOnAnAtomicDoesNotHangIt) {
  unsigned escapes = 0;
  for (std::uint64_t seed = 1; seed <= 6; ++seed) {
    std::atomic<bool> flag{false};
    const auto totals = run_controlled(schedule_kind::pct, 2, seed, [&](unsigned index) {
      if (index == 0) {
        while (!flag.load()) std::this_thread::yield();
      } else {
        flag.store(true);
      }
    });
    EXPECT_LE(totals.escapes, 1u);
    escapes += totals.escapes;
  }
  if (safemap::stress::schedule::atomic_points_built()) {
    EXPECT_EQ(escapes, 0u);  // the spin's load is a scheduling point: it gives the turn up
  } else {
    EXPECT_GT(escapes, 0u);  // some seed let the spinner run first
  }
}

TEST(Schedule, ThreadsThatNeverMeetStillFinish) {
  const auto totals = run_controlled(schedule_kind::pct, 3, 2, [](unsigned) {
    for (int op = 0; op < 100; ++op) point();
  });
  EXPECT_EQ(totals.steps, 300u);
  EXPECT_EQ(totals.escapes, 0u);
}

// A thread waits outside the schedule only when the kernel says it sleeps: running, waiting for
// a core, or in an uninterruptible sleep (a page fault that reads the disk) it is waited for.
TEST(Schedule, OnlyASleepThatTheProgramChoseIsAWaitOutsideTheSchedule) {
  EXPECT_FALSE(thread_activity::asleep_in("4242 (worker) R 1 2 3"));
  EXPECT_FALSE(thread_activity::asleep_in("4242 (worker) D 1 2 3"));
  EXPECT_TRUE(thread_activity::asleep_in("4242 (worker) S 1 2 3"));
  EXPECT_TRUE(thread_activity::asleep_in("4242 (worker) t 1 2 3"));
  EXPECT_FALSE(thread_activity::asleep_in("4242 (a (b) c) R 1"));  // the name's own ')'
  EXPECT_TRUE(thread_activity::asleep_in("4242 (a (b) c) S 1"));
  EXPECT_TRUE(thread_activity::asleep_in("garbled"));  // doubt leads to an escape, as before
  EXPECT_TRUE(thread_activity::asleep_in("4242 (worker)"));
}

}  // namespace
}  // namespace safemap::stress::schedule
