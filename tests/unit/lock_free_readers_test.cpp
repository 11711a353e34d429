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

// Holds a reader thread's section open from hold() until may_close.
struct open_section_gate {
  std::atomic<bool> opened{false};
  std::atomic<bool> may_close{false};
  void hold() {
    opened = true;
    while (!may_close) std::this_thread::yield();
  }
};

// Once `reader` holds its section open at `gate`, a writer's wait must last until it closes.
void expect_wait_lasts_until_closed(open_section_gate& gate, std::thread& reader,
                                    const char* section) {
  while (!gate.opened) std::this_thread::yield();
  std::atomic<bool> waited{false};
  std::thread writer{[&] { waited = lock_free_readers::wait_for_readers(); }};
  std::this_thread::sleep_for(std::chrono::milliseconds{100});
  EXPECT_FALSE(waited) << "the wait ended while " << section << " was open";
  gate.may_close = true;
  reader.join();
  writer.join();
  EXPECT_TRUE(waited);
}

TEST(lock_free_readers, AWriterWaitsUntilAnOpenSectionCloses) {
  if (!lock_free_readers::can_wait_for_readers()) GTEST_SKIP() << "no membarrier(2) here";
  open_section_gate gate;
  std::thread reader{[&] {
    const lock_free_readers::section open;
    gate.hold();
  }};
  expect_wait_lasts_until_closed(gate, reader, "a section");
}

TEST(lock_free_readers, NestedSectionsCloseWithTheOutermost) {
  if (!lock_free_readers::can_wait_for_readers()) GTEST_SKIP() << "no membarrier(2) here";
  open_section_gate gate;
  std::thread reader{[&] {
    const lock_free_readers::section outer;
    {
      const lock_free_readers::section inner;
    }
    gate.hold();
  }};
  expect_wait_lasts_until_closed(gate, reader, "the outer of two nested sections");
}

// Built before the thread's first section, so destroyed after the registration that section
// creates: the section it opens comes after the thread's registration ended.
struct reads_at_thread_exit {
  open_section_gate* gate;
  ~reads_at_thread_exit() {
    const lock_free_readers::section late;
    gate->hold();
  }
};

TEST(lock_free_readers, AWriterWaitsForAReadAfterTheThreadsRegistrationEnded) {
  if (!lock_free_readers::can_wait_for_readers()) GTEST_SKIP() << "no membarrier(2) here";
  open_section_gate gate;
  std::thread reader{[&] {
    thread_local reads_at_thread_exit at_exit{&gate};
    const lock_free_readers::section registers;
  }};
  expect_wait_lasts_until_closed(gate, reader, "a section opened after the registration ended");
}

}  // namespace
}  // namespace safemap::test
