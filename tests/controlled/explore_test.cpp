// explore_in_test() on ordinary threaded code: the threads it starts, its mutexes, condition
// variables, joins, yields and sleeps are all scheduling points (src/stress/explore/).
//
// The DISABLED_ tests are planted bugs and must-fail canaries: each needs the scheduler to
// control one kind of point and fails (a deadlock report or a failed schedule) only when it
// does. CMakeLists.txt runs each on its own and checks what it reports; a plain run of this
// executable skips them.
#include <gtest/gtest.h>

#include <pthread.h>
#include <semaphore.h>

#include <atomic>
#include <barrier>
#include <chrono>
#include <condition_variable>
#include <latch>
#include <mutex>
#include <semaphore>
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

// Every other blocking primitive used correctly: a run without an escape says each was a point
// the scheduler modelled, not a wait it let run outside the schedule.
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
        std::thread other{[&] {
          tokens.release();
          sem_post(&posix_tokens);
          meeting.arrive_and_wait();
          pthread_barrier_wait(&posix_meeting);
          flag.store(1);
          flag.notify_one();
          both_done.count_down();
        }};
        tokens.acquire();
        sem_wait(&posix_tokens);
        meeting.arrive_and_wait();
        pthread_barrier_wait(&posix_meeting);
        flag.wait(0);
        both_done.count_down();
        both_done.wait();
        other.join();
        pthread_barrier_destroy(&posix_meeting);
        sem_destroy(&posix_tokens);
      },
      {.schedules = 500, .budget_s = 10});
  EXPECT_EQ(result.escapes, 0u) << "a wait the scheduler does not model";
}

// Planted bug: lost_wakeup_queue.hpp. Reported as a deadlock naming the condition variable.
TEST(DISABLED_Finds, LostWakeup) {
  explore_in_test(producers_and_consumers<lost_wakeup_queue<int>>);
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

// Canary for what is not controlled: a thread started before the exploration signals a
// condition variable while it runs. The exploration must say so and fail, not pass as if it
// had controlled every call.
TEST(DISABLED_Finds, ThreadOutsideTheScheduleIsReported) {
  std::atomic<bool> stop{false};
  std::condition_variable signalled_outside;
  std::thread outsider{[&] {
    while (!stop.load()) {
      signalled_outside.notify_one();
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
}

}  // namespace
}  // namespace safemap::controlled_examples
