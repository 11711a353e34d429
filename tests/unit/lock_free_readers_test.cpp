// detail/lock_free_readers.hpp: a writer's wait ends only once every read section that was open
// has closed, nested ones and those opened after the thread's registration ended included.
#include <atomic>
#include <chrono>
#include <thread>

#include <gtest/gtest.h>

#include <safemap/detail/lock_free_readers.hpp>

namespace safemap::test {
namespace {

using detail::lock_free_readers;

TEST(lock_free_readers, AWriterWaitsUntilAnOpenSectionCloses) {
  if (!lock_free_readers::can_wait_for_readers()) GTEST_SKIP() << "no membarrier(2) here";
  std::atomic<bool> reading{false};
  std::atomic<bool> may_close{false};
  std::thread reader{[&] {
    const lock_free_readers::section open;
    reading = true;
    while (!may_close) std::this_thread::yield();
  }};
  while (!reading) std::this_thread::yield();
  std::atomic<bool> waited{false};
  std::thread writer{[&] { waited = lock_free_readers::wait_for_readers(); }};
  std::this_thread::sleep_for(std::chrono::milliseconds{100});
  EXPECT_FALSE(waited) << "the wait ended while a section was open";
  may_close = true;
  reader.join();
  writer.join();
  EXPECT_TRUE(waited);
}

TEST(lock_free_readers, NestedSectionsCloseWithTheOutermost) {
  if (!lock_free_readers::can_wait_for_readers()) GTEST_SKIP() << "no membarrier(2) here";
  std::atomic<int> step{0};
  std::thread reader{[&] {
    const lock_free_readers::section outer;
    {
      const lock_free_readers::section inner;
    }
    step = 1;
    while (step != 2) std::this_thread::yield();
  }};
  while (step != 1) std::this_thread::yield();
  std::atomic<bool> waited{false};
  std::thread writer{[&] { waited = lock_free_readers::wait_for_readers(); }};
  std::this_thread::sleep_for(std::chrono::milliseconds{100});
  EXPECT_FALSE(waited) << "the inner section's end ended the wait";
  step = 2;
  reader.join();
  writer.join();
  EXPECT_TRUE(waited);
}

// Built before the thread's first section, so destroyed after the registration that section
// creates: the section it opens comes after the thread's registration ended.
struct reads_at_thread_exit {
  std::atomic<bool>* reading;
  std::atomic<bool>* may_close;
  ~reads_at_thread_exit() {
    const lock_free_readers::section late;
    *reading = true;
    while (!*may_close) std::this_thread::yield();
  }
};

TEST(lock_free_readers, AWriterWaitsForAReadAfterTheThreadsRegistrationEnded) {
  if (!lock_free_readers::can_wait_for_readers()) GTEST_SKIP() << "no membarrier(2) here";
  std::atomic<bool> reading{false};
  std::atomic<bool> may_close{false};
  std::thread reader{[&] {
    thread_local reads_at_thread_exit at_exit{&reading, &may_close};
    const lock_free_readers::section registers;
  }};
  while (!reading) std::this_thread::yield();
  std::atomic<bool> waited{false};
  std::thread writer{[&] { waited = lock_free_readers::wait_for_readers(); }};
  std::this_thread::sleep_for(std::chrono::milliseconds{100});
  EXPECT_FALSE(waited) << "the wait ended while a late section was open";
  may_close = true;
  reader.join();
  writer.join();
  EXPECT_TRUE(waited);
}

}  // namespace
}  // namespace safemap::test
