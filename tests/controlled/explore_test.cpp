// explore_in_test() on ordinary threaded code: the threads it starts, its mutexes, condition
// variables, joins, yields and sleeps are all scheduling points (src/stress/explore/).
//
// The DISABLED_ tests are planted bugs and must-fail canaries: each needs the scheduler to
// control one kind of point and fails (a deadlock report or a failed schedule) only when it
// does. CMakeLists.txt runs each on its own and checks what it reports; a plain run of this
// executable skips them. A deadlock canary's report, in the catalogue's form
// (docs/catalogue.md#the-header-format):
// EXPECT watchdog: deadlock at @WAITS
#include <gtest/gtest.h>

#include <linux/futex.h>
#include <pthread.h>
#include <semaphore.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include <atomic>
#include <barrier>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <latch>
#include <memory>
#include <mutex>
#include <optional>
#include <semaphore>
#include <string>
#include <thread>
#include <vector>

#include "bounded_queue.hpp"
#include "lost_wakeup_queue.hpp"
#include "stress/explore/gtest.hpp"

namespace safemap::controlled_examples {
namespace {

using stress::explore::explore_in_test;

// Two producers and two consumers pass four items through a queue of capacity one.
template <class Queue>
void producers_and_consumers() {
  Queue queue{1};
  std::vector<std::thread> threads;
  for (int producer = 0; producer < 2; ++producer) {
    threads.emplace_back([&queue, producer] {
      for (int item = 0; item < 2; ++item) queue.push(producer * 2 + item);
    });
  }
  std::atomic<int> sum{0};
  for (int consumer = 0; consumer < 2; ++consumer) {
    threads.emplace_back([&queue, &sum] {
      for (int item = 0; item < 2; ++item) sum += queue.pop();
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(sum.load(), 0 + 1 + 2 + 3);
}

TEST(Explore, CorrectQueueHasNoFindingAndNoEscape) {
  const auto result = explore_in_test(producers_and_consumers<bounded_queue<int>>,
                                      {.schedules = 2000, .budget_s = 10});
  EXPECT_GT(result.schedules, 0u);
  EXPECT_EQ(result.escapes, 0u) << "a wait the scheduler does not model";
}

// Canary for yields and sleeps: a thread that spins until another sets a flag, yielding or
// sleeping in between, would hold the turn (and escape after 20 ms) if neither were a point.
TEST(Explore, SpinningOnYieldOrSleepNeverEscapes) {
  const auto result = explore_in_test(
      [] {
        std::atomic<bool> go{false};
        std::thread yielding{[&go] {
          while (!go.load()) std::this_thread::yield();
        }};
        std::thread sleeping{[&go] {
          while (!go.load()) std::this_thread::sleep_for(std::chrono::milliseconds{1});
        }};
        std::this_thread::yield();
        go.store(true);
        yielding.join();
        sleeping.join();
      },
      {.schedules = 200, .budget_s = 10});
  EXPECT_EQ(result.escapes, 0u) << "a yield or a sleep was no scheduling point";
}

// PCT's k follows the rounds: the first schedule takes the settings' estimate, each later one the
// steps the schedule before it made (here at least one per yield), and the replay line carries
// the k its schedule took.
TEST(Explore, PctStepsAreThoseOfTheScheduleBefore) {
  constexpr std::uint64_t yields = 300;
  std::uint64_t schedules_run = 0;
  const auto result = stress::explore::explore(
      stress::explore::exploration_settings{.schedules = 2, .budget_s = 10},
      [&schedules_run] {
        for (std::uint64_t yield = 0; yield < yields; ++yield) std::this_thread::yield();
        ++schedules_run;
      },
      [&schedules_run] { return schedules_run == 2; });
  ASSERT_EQ(result.failed_schedule, std::optional<std::uint64_t>{1});
  EXPECT_GE(result.failed_pct_steps, yields);
  EXPECT_NE(result.replay.find(
                "SAFEMAP_EXPLORE_PCT_STEPS=" + std::to_string(result.failed_pct_steps) + " "),
            std::string::npos)
      << result.replay;
}

// Every other blocking primitive used correctly (a timed one tried again until it succeeds): a
// run without an escape says each was a point the scheduler modelled, not a wait it let run
// outside the schedule.
TEST(Explore, SemaphoresBarriersLatchesAndAtomicWaitsNeverEscape) {
  const auto result = explore_in_test(
      [] {
        std::counting_semaphore<2> tokens{0};
        std::latch both_done{2};
        std::barrier meeting{2};
        std::atomic<int> flag{0};
        sem_t posix_tokens;
        sem_init(&posix_tokens, 0, 0);
        pthread_barrier_t posix_meeting;
        pthread_barrier_init(&posix_meeting, nullptr, 2);
        pthread_spinlock_t spin;
        pthread_spin_init(&spin, PTHREAD_PROCESS_PRIVATE);
        std::timed_mutex timed;
        std::thread other{[&] {
          pthread_spin_lock(&spin);
          pthread_spin_unlock(&spin);
          if (timed.try_lock_for(std::chrono::hours{1})) timed.unlock();
          tokens.release();
          sem_post(&posix_tokens);
          sem_post(&posix_tokens);
          meeting.arrive_and_wait();
          pthread_barrier_wait(&posix_meeting);
          flag.store(1);
          flag.notify_one();
          both_done.count_down();
        }};
        if (pthread_spin_trylock(&spin) == 0) pthread_spin_unlock(&spin);
        while (!timed.try_lock_until(std::chrono::system_clock::now() + std::chrono::hours{1})) {
        }
        timed.unlock();
        tokens.acquire();
        sem_wait(&posix_tokens);
        timespec deadline{};
        clock_gettime(CLOCK_MONOTONIC, &deadline);
        deadline.tv_sec += 3600;
        while (sem_clockwait(&posix_tokens, CLOCK_MONOTONIC, &deadline) != 0) {
        }
        meeting.arrive_and_wait();
        pthread_barrier_wait(&posix_meeting);
        flag.wait(0);
        both_done.count_down();
        both_done.wait();
        other.join();
        pthread_barrier_destroy(&posix_meeting);
        pthread_spin_destroy(&spin);
        sem_destroy(&posix_tokens);
      },
      {.schedules = 500, .budget_s = 10});
  EXPECT_EQ(result.escapes, 0u) << "a wait the scheduler does not model";
}

// The planted bug of the spurious wakeup canary: a waiter that checks its predicate once, `if`
// where `while` belongs, so a wakeup nobody signalled lets it past.
void waits_with_if_instead_of_while() {
  std::mutex mutex;
  std::condition_variable changed;
  bool ready = false;
  std::thread setter{[&] {
    const std::lock_guard held{mutex};
    ready = true;
    changed.notify_one();
  }};
  {
    std::unique_lock held{mutex};
    if (!ready) changed.wait(held);
    EXPECT_TRUE(ready) << "woke without a signal";
  }
  setter.join();
}

// Spurious wakeups are asked for (the canary below), never on by default.
TEST(Explore, NoSpuriousWakeupUnlessAskedFor) {
  explore_in_test(waits_with_if_instead_of_while, {.schedules = 500, .budget_s = 10});
}

TEST(DISABLED_Finds, IfInsteadOfWhileWakesSpuriously) {
  explore_in_test(waits_with_if_instead_of_while, {.spurious_wakeups = true});
}

// Planted bug: lost_wakeup_queue.hpp. Reported as a deadlock naming the condition variable.
TEST(DISABLED_Finds, LostWakeup) {
  explore_in_test(producers_and_consumers<lost_wakeup_queue<int>>);
}

// A crash: a flag published before the data it stands for, in two critical sections; a reader
// that runs between them follows a null pointer. The process dies of SIGSEGV, after the schedule's
// replay line (replay_line.hpp).
TEST(DISABLED_Finds, ReaderFollowsAPointerPublishedTooEarly) {
  explore_in_test([] {
    std::mutex mutex;
    bool ready = false;
    const int* data = nullptr;
    const int value = 42;
    std::thread writer{[&] {
      {
        const std::lock_guard held{mutex};
        ready = true;
      }
      const std::lock_guard held{mutex};
      data = &value;
    }};
    int seen = 0;
    {
      const std::lock_guard held{mutex};
      if (ready) seen = *data;  // <- CRASHES
    }
    writer.join();
    EXPECT_TRUE(seen == 0 || seen == value);
  });
}

// Canary for thread start: the new thread may run before its parent goes on. Without the
// point at pthread_create the parent keeps the turn until its next point, after the check.
TEST(DISABLED_Finds, ChildRunsBeforeItsParentGoesOn) {
  explore_in_test([] {
    std::atomic<int> value{0};
    std::thread child{[&value] { value.store(1); }};
    EXPECT_EQ(value.load(), 0) << "the child ran first";  // <- STARTED
    child.join();
  });
}

// Canary for join: a parent that joins while holding the lock its child needs waits forever.
// Without join as a point the parent would block in the real join holding the turn.
TEST(DISABLED_Finds, JoinWhileHoldingTheChildsLock) {
  explore_in_test([] {
    std::mutex mutex;
    const std::lock_guard held{mutex};
    std::thread child{[&mutex] { const std::lock_guard taken{mutex}; }};  // <- WAITS
    child.join();                                                         // <- WAITS
  });
}

// Canaries for futexes (std::latch, like std::counting_semaphore, std::barrier and
// std::atomic::wait, waits on one), POSIX semaphores and pthread barriers: each counted one
// short, so the waiter waits for ever. Under control that is a deadlock named at once; without
// the point the waiter would block in the kernel holding the turn.
TEST(DISABLED_Finds, LatchCountedOneShort) {
  explore_in_test([] {
    std::latch workers_done{2};
    std::thread worker{[&workers_done] { workers_done.count_down(); }};
    workers_done.wait();  // <- WAITS
    worker.join();
  });
}

TEST(DISABLED_Finds, SemaphorePostedOneShort) {
  explore_in_test([] {
    sem_t items;
    sem_init(&items, 0, 0);
    std::thread producer{[&items] { sem_post(&items); }};
    sem_wait(&items);
    sem_wait(&items);  // <- WAITS
    producer.join();
  });
}

TEST(DISABLED_Finds, BarrierCountedOneTooMany) {
  explore_in_test([] {
    pthread_barrier_t meeting;
    pthread_barrier_init(&meeting, nullptr, 3);
    std::thread other{[&meeting] { pthread_barrier_wait(&meeting); }};  // <- WAITS
    pthread_barrier_wait(&meeting);                                     // <- WAITS
    other.join();
  });
}

// Canary for detach: a detached child may run as soon as it is detached, between its parent's
// two stores, and still finishes within the schedule (its failure is the schedule's). Without
// the point at pthread_detach the parent runs on to its next point, past the second store.
TEST(DISABLED_Finds, DetachedChildRunsAtTheDetach) {
  explore_in_test([] {
    const auto stage = std::make_shared<std::atomic<int>>(0);
    std::thread child{[stage] { EXPECT_NE(stage->load(), 1) << "the child ran at the detach"; }};
    stage->store(1);
    child.detach();
    stage->store(2);
  });
}

// Canaries for timed locks: code that takes a std::timed_mutex with a deadline it thinks
// generous and treats a timeout as impossible, while the holder makes a point inside its hold.
// Under control the timeout is the strategy's choice; without the point the thread would wait
// in the real lock (and escape) until the holder released it.
template <class LockWithDeadline>
void expect_lock_before_the_deadline(const LockWithDeadline& lock_with_deadline) {
  explore_in_test([&lock_with_deadline] {
    std::timed_mutex mutex;
    std::thread holder{[&mutex] {
      const std::lock_guard held{mutex};
      std::this_thread::yield();
    }};
    if (lock_with_deadline(mutex)) {
      mutex.unlock();
    } else {
      ADD_FAILURE() << "the lock timed out";
    }
    holder.join();
  });
}

TEST(DISABLED_Finds, TimedLockTimesOut) {  // pthread_mutex_timedlock
  expect_lock_before_the_deadline([](std::timed_mutex& mutex) {
    return mutex.try_lock_until(std::chrono::system_clock::now() + std::chrono::hours{1});
  });
}

TEST(DISABLED_Finds, ClockLockTimesOut) {  // pthread_mutex_clocklock
  expect_lock_before_the_deadline(
      [](std::timed_mutex& mutex) { return mutex.try_lock_for(std::chrono::hours{1}); });
}

// Canary for sem_clockwait: a consumer that takes a timeout for impossible. Without the point it
// would wait in the real semaphore (and escape) until the producer posted.
TEST(DISABLED_Finds, SemaphoreClockWaitTimesOut) {
  explore_in_test([] {
    sem_t item;
    sem_init(&item, 0, 0);
    std::thread producer{[&item] { sem_post(&item); }};
    timespec deadline{};
    clock_gettime(CLOCK_MONOTONIC, &deadline);
    deadline.tv_sec += 3600;
    EXPECT_EQ(sem_clockwait(&item, CLOCK_MONOTONIC, &deadline), 0) << "the wait timed out";
    producer.join();
    sem_destroy(&item);
  });
}

// Canary for spin locks: two threads each add one to a counter a spin lock guards, but read it
// and write it back in two critical sections, so one may overwrite the other's addition. Under
// control a switch at a lock or an unlock loses it; without the points each thread does both
// within one turn. (Not a lock-order inversion: ThreadSanitizer would name that in any order.)
TEST(DISABLED_Finds, SpinLockedIncrementSplitInTwo) {
  explore_in_test([] {
    pthread_spinlock_t guard;
    pthread_spin_init(&guard, PTHREAD_PROCESS_PRIVATE);
    int counter = 0;
    const auto add_one = [&] {
      pthread_spin_lock(&guard);
      const int seen = counter;
      pthread_spin_unlock(&guard);
      pthread_spin_lock(&guard);
      counter = seen + 1;
      pthread_spin_unlock(&guard);
    };
    std::thread other{add_one};
    add_one();
    other.join();
    EXPECT_EQ(counter, 2) << "an addition was lost";
    pthread_spin_destroy(&guard);
  });
}

// Canaries for atomics, points only in ThreadSanitizer builds (atomic_hooks.cpp). A token bucket
// with one token admits by a load, a check and a store of what it saw less one: a thread that
// loads between the other's load and store takes the same token again. No data race, nothing
// for TSan to see; only a switch between two atomic operations finds it, and without atomic
// points each thread admits itself within one turn.
TEST(DISABLED_Finds, TokenBucketAdmitsTwice) {
  explore_in_test([] {
    std::atomic<int> tokens{1};
    std::atomic<int> admitted{0};
    const auto admit = [&] {
      const int seen = tokens.load();
      if (seen > 0) {
        tokens.store(seen - 1);
        admitted.fetch_add(1);
      }
    };
    std::thread other{admit};
    admit();
    other.join();
    EXPECT_EQ(admitted.load(), 1) << "the one token admitted two threads";
  });
}

// Two plain increments of one shared counter (a data race): each is a load and a store, and a
// switch between one thread's load and store loses the other's addition. Only memory points
// (SAFEMAP_EXPLORE_MEMORY_POINTS=1) interrupt an increment; without them each runs within a
// turn. The counter is on the heap: a thread's own stack is never a point.
TEST(DISABLED_Finds, PlainIncrementsLoseOne) {
  explore_in_test([] {
    const auto counter = std::make_unique<int>(0);
    const auto increment = [&counter] { ++*counter; };
    std::thread other{increment};
    increment();
    other.join();
    EXPECT_EQ(*counter, 2) << "one of two plain increments was lost";
  });
}

// A spin lock whose try-lock loads the flag, then stores it: both threads may enter, and one
// overwrites the other's addition (the counter is atomic, so that is a lost update, no data
// race). Only a switch between the flag's load and store lets the second in, and two more
// switches lose the addition: random schedules find that order sooner than pct's few changes.
TEST(DISABLED_Finds, SpinLockLoadThenStoreAdmitsTwo) {
  explore_in_test(
      [] {
        std::atomic<bool> busy{false};
        std::atomic<int> counter{0};
        const auto try_lock = [&] {
          if (busy.load()) return false;
          busy.store(true);
          return true;
        };
        const auto add_one = [&] {
          while (!try_lock()) std::this_thread::yield();
          counter.store(counter.load() + 1);
          busy.store(false);
        };
        std::thread other{add_one};
        add_one();
        other.join();
        EXPECT_EQ(counter.load(), 2) << "an addition was lost";
      },
      {.kind = stress::schedule::schedule_kind::random});
}

// Canary for what is not controlled: a thread started before the exploration joins a thread,
// signals a condition variable, posts a semaphore, meets a barrier and wakes a futex while it
// runs. The exploration must count each kind, say so and fail, not pass as if it had
// controlled every call.
TEST(DISABLED_Finds, ThreadOutsideTheScheduleIsReported) {
  std::atomic<bool> stop{false};
  std::condition_variable signalled_outside;
  sem_t posted_outside;
  sem_init(&posted_outside, 0, 0);
  pthread_barrier_t met_alone;
  pthread_barrier_init(&met_alone, nullptr, 1);
  std::uint32_t woken_outside = 0;
  std::thread outsider{[&] {
    while (!stop.load()) {
      std::thread{[] {}}.join();
      signalled_outside.notify_one();
      sem_post(&posted_outside);
      pthread_barrier_wait(&met_alone);
      syscall(SYS_futex, &woken_outside, FUTEX_WAKE_PRIVATE, 1, nullptr, nullptr, 0);
      std::this_thread::sleep_for(std::chrono::milliseconds{1});
    }
  }};
  explore_in_test(
      [] {
        std::thread child{[] {}};
        child.join();
      },
      {.schedules = 1'000'000, .budget_s = 1});
  stop.store(true);
  outsider.join();
  pthread_barrier_destroy(&met_alone);
  sem_destroy(&posted_outside);
}

}  // namespace
}  // namespace safemap::controlled_examples
