#include "parser.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <vector>

namespace safemap::sanitizer_report {
namespace {

constexpr const char* tsan_race = R"(program says hello
==================
WARNING: ThreadSanitizer: data race (pid=7)
  Write of size 4 at 0x7b04 by thread T2:
    #0 bump() /src/a.cpp:10:34 (exe+0x1)
    #1 <null> <null> (libstdc++.so.6+0xd44a2)

  Previous read of size 4 at 0x7b04 by main thread:
    #0 peek() /src/a.cpp:14:10 (exe+0x2)

  Location is global 'counter' of size 4 at 0x7b04 (exe+0x3)

  Thread T2 (tid=9, running) created by main thread at:
    #0 pthread_create <null> (exe+0x4)
    #1 main /src/a.cpp:20 (exe+0x5)

SUMMARY: ThreadSanitizer: data race /src/a.cpp:10:34 in bump()
==================
program says goodbye
)";

TEST(parser, tsan_report_with_all_its_stacks) {
  const auto reports = parse_log(tsan_race, "race.log");
  ASSERT_EQ(reports.size(), 1U);
  const report& race = reports.front();
  EXPECT_EQ(race.sanitizer, "ThreadSanitizer");
  EXPECT_EQ(race.kind, "data race");
  EXPECT_EQ(race.header, "data race (pid=7)");
  EXPECT_EQ(race.summary, "data race /src/a.cpp:10:34 in bump()");
  EXPECT_FALSE(race.truncated);
  EXPECT_EQ(race.log, "race.log");
  EXPECT_EQ(race.log_line, 3U);
  ASSERT_EQ(race.stacks.size(), 3U);
  EXPECT_EQ(race.stacks[0].title, "Write of size 4 at 0x7b04 by thread T2");
  EXPECT_EQ(race.stacks[0].frames.size(), 2U);
  EXPECT_EQ(race.stacks[1].title, "Previous read of size 4 at 0x7b04 by main thread");
  EXPECT_EQ(race.stacks[1].frames.at(0).function, "peek()");
  EXPECT_EQ(race.stacks[2].title, "Thread T2 (tid=9, running) created by main thread at");
  EXPECT_EQ(race.stacks[2].frames.at(1).line, 20);
  ASSERT_EQ(race.messages.size(), 1U);
  EXPECT_EQ(race.messages[0], "Location is global 'counter' of size 4 at 0x7b04 (exe+0x3)");
}

TEST(parser, reports_among_program_output_and_crlf) {
  std::string log = "line one\r\n";
  for (int run = 0; run < 3; ++run) log += std::string{tsan_race} + "noise between runs\r\n";
  const auto reports = parse_log(log, "-");
  ASSERT_EQ(reports.size(), 3U);
  for (const report& raw : reports) {
    EXPECT_EQ(raw.kind, "data race");
    EXPECT_FALSE(raw.truncated);
    EXPECT_EQ(raw.stacks.size(), 3U);
  }
}

TEST(parser, asan_header_and_titled_stacks) {
  const auto reports =
      parse_log(R"(=================================================================
==11842==ERROR: AddressSanitizer: heap-use-after-free on address 0x5020 at pc 0x55 bp 0x7f sp 0x7f
READ of size 4 at 0x5020 thread T0
    #0 0x55 in use() /src/a.cpp:18:10
0x5020 is located 0 bytes inside of 4-byte region [0x5020,0x5024)
freed by thread T0 here:
    #0 0x7f in operator delete(void*) (/tmp/a+0x1)
    #1 0x55 in use() /src/a.cpp:17:3

SUMMARY: AddressSanitizer: heap-use-after-free /src/a.cpp:18:10 in use()
Shadow bytes around the buggy address:
  0x5020: fa fa
==11842==ABORTING
)",
                "asan.log");
  ASSERT_EQ(reports.size(), 1U);
  EXPECT_EQ(reports[0].sanitizer, "AddressSanitizer");
  EXPECT_EQ(reports[0].kind, "heap-use-after-free");
  ASSERT_EQ(reports[0].stacks.size(), 2U);
  EXPECT_EQ(reports[0].stacks[0].title, "READ of size 4 at 0x5020 thread T0");
  EXPECT_EQ(reports[0].stacks[1].title, "freed by thread T0 here");
  EXPECT_EQ(reports[0].messages.size(), 1U);
}

TEST(parser, ubsan_with_and_without_stack) {
  const auto reports = parse_log(
      R"(/src/u.cpp:9:20: runtime error: signed integer overflow: 2147483647 + 1 cannot be represented in type 'int'
    #0 0x55 in overflow(int) /src/u.cpp:9:20
    #1 0x55 in main /src/u.cpp:30:3

SUMMARY: UndefinedBehaviorSanitizer: undefined-behavior /src/u.cpp:9:20 in
program output
/src/u.cpp:13:12: runtime error: shift exponent 41 is too large for 32-bit type 'int'
/src/u.cpp:25:25: runtime error: load of address 0x7fff with insufficient space for an object of type 'int'
0x7fff: note: pointer points here
 04 00 00 00
              ^
)",
      "ubsan.log");
  ASSERT_EQ(reports.size(), 3U);
  EXPECT_EQ(reports[0].sanitizer, "UndefinedBehaviorSanitizer");
  EXPECT_EQ(reports[0].kind, "signed integer overflow");
  ASSERT_EQ(reports[0].stacks.size(), 1U);
  EXPECT_EQ(reports[0].stacks[0].frames.size(), 2U);
  EXPECT_EQ(reports[0].summary, "undefined-behavior /src/u.cpp:9:20 in");
  EXPECT_EQ(reports[1].kind, "shift exponent is too large");
  EXPECT_EQ(reports[1].error_class, "invalid shift exponent");
  ASSERT_EQ(reports[1].stacks.size(), 1U);
  ASSERT_EQ(reports[1].stacks[0].frames.size(), 1U);
  EXPECT_EQ(reports[1].stacks[0].frames[0].file, "/src/u.cpp");
  EXPECT_EQ(reports[1].stacks[0].frames[0].line, 13);
  EXPECT_EQ(reports[1].stacks[0].frames[0].column, 12);
  EXPECT_EQ(reports[2].kind, "load of address with insufficient space for an object");
  EXPECT_EQ(reports[2].error_class, "insufficient object size");
  for (const report& raw : reports) {
    EXPECT_FALSE(raw.truncated);
    ASSERT_TRUE(raw.position);
    EXPECT_EQ(raw.position->file, "/src/u.cpp");
  }
  EXPECT_EQ(reports[0].position->line, 9);
  EXPECT_EQ(reports[0].position->column, 20);
}

// clang 19, -O1: a misaligned load prints the memory around the pointer, then its stack, whose
// top frame has no line.
TEST(parser, ubsan_stack_after_a_memory_dump_belongs_to_the_report) {
  const auto reports = parse_log(
      R"(/src/u.cpp:18:12: runtime error: load of misaligned address 0x7ffc9c0a1e56 for type 'const int', which requires 4 byte alignment
0x7ffc9c0a1e56: note: pointer points here
 01 01 01 01 01 01  01 01 01 01 01 01 01 01  70 1c 19 7d 91 55 00 00  18 43 d0 18 fc 7f 00 00  01 00
             ^ 
    #0 0x55917d192e6b in (anonymous namespace)::read_word(char const*, bool) /src/u.cpp
    #1 0x55917d192e6b in main /src/u.cpp:34:28

SUMMARY: UndefinedBehaviorSanitizer: undefined-behavior /src/u.cpp:18:12 
word 16843009
)",
      "ubsan.log");
  ASSERT_EQ(reports.size(), 1U);
  const report& misaligned = reports.front();
  EXPECT_EQ(misaligned.kind, "load of misaligned address");
  EXPECT_EQ(misaligned.error_class, "misaligned pointer use");
  EXPECT_EQ(misaligned.summary, "undefined-behavior /src/u.cpp:18:12");
  ASSERT_EQ(misaligned.stacks.size(), 1U);
  const std::vector<frame>& frames = misaligned.stacks[0].frames;
  ASSERT_EQ(frames.size(), 2U);
  EXPECT_EQ(frames[0].function, "(anonymous namespace)::read_word(char const*, bool)");
  EXPECT_EQ(frames[0].line, 0) << "the runtime printed no line";
  EXPECT_EQ(frames[1].line, 34);
  ASSERT_GE(misaligned.messages.size(), 2U);
  EXPECT_EQ(misaligned.messages[1], "0x7ffc9c0a1e56: note: pointer points here");
  ASSERT_TRUE(misaligned.position);
  EXPECT_EQ(misaligned.position->line, 18);
  EXPECT_EQ(misaligned.position->column, 12);
}

// g++ 12 prints no SUMMARY for UBSan: the next runtime error, or other output, ends the report.
TEST(parser, ubsan_memory_dump_without_summary_ends_at_the_next_report) {
  const auto reports = parse_log(
      R"(/src/u.cpp:18:51: runtime error: load of misaligned address 0x7ffe for type 'const int', which requires 4 byte alignment
0x7ffe: note: pointer points here
 01 01 01 01
             ^ 
    #0 0x55 in read_word /src/u.cpp:18
/src/u.cpp:23:34: runtime error: store to misaligned address 0x7ffe for type 'int', which requires 4 byte alignment
0x7ffe: note: pointer points here
 01 01 01 01
             ^ 
    #0 0x55 in write_word /src/u.cpp:23
word 16843009
)",
      "ubsan.log");
  ASSERT_EQ(reports.size(), 2U);
  EXPECT_EQ(reports[0].stacks.at(0).frames.at(0).function, "read_word");
  EXPECT_EQ(reports[1].kind, "store to misaligned address");
  EXPECT_EQ(reports[1].stacks.at(0).frames.at(0).function, "write_word");
  EXPECT_EQ(reports[1].stacks.at(0).frames.size(), 1U);
}

TEST(parser, harness_reports_follow_the_contract) {
  const auto reports = parse_log(R"(==4242==ERROR: SafemapWatchdog: deadlock
  no progress for 5 s; stacks of all threads follow
  Thread 1 (LWP 4242) "safemap-stress":
    #0 0x00007f in __futex_abstimed_wait_common /build/glibc/nptl/futex-internal.c:57
    #4 0x00005 in safemap::broken::x::size() const /abs/tests/broken/x.hpp:41
SUMMARY: SafemapWatchdog: deadlock
==5151==ERROR: SafemapInvariant: lost update
  counter sum 1987, expected 2000 (13 increments lost)
  Variant check_then_act_counter:
    #0 0x0 in check_then_act_counter /abs/tests/broken/check_then_act_counter.hpp:37
SUMMARY: SafemapInvariant: lost update
)",
                                 "harness.log");
  ASSERT_EQ(reports.size(), 2U);
  EXPECT_EQ(reports[0].sanitizer, "SafemapWatchdog");
  EXPECT_EQ(reports[0].kind, "deadlock");
  ASSERT_EQ(reports[0].stacks.size(), 1U);
  EXPECT_EQ(reports[0].stacks[0].title, "Thread 1 (LWP 4242) \"safemap-stress\"");
  EXPECT_EQ(reports[0].stacks[0].frames[1].function, "safemap::broken::x::size() const");
  EXPECT_EQ(reports[1].sanitizer, "SafemapInvariant");
  EXPECT_EQ(reports[1].kind, "lost update");
  EXPECT_EQ(reports[1].messages.at(0), "counter sum 1987, expected 2000 (13 increments lost)");
  EXPECT_EQ(reports[1].stacks.at(0).frames.at(0).line, 37);
}

TEST(parser, report_without_summary_is_truncated) {
  const auto at_end = parse_log(
      "WARNING: ThreadSanitizer: data race (pid=1)\n  Write of size 4 at 0x1 by thread T1:\n    #0 "
      "f() /a.cpp:1 (x+0x1)\n",
      "cut.log");
  ASSERT_EQ(at_end.size(), 1U);
  EXPECT_TRUE(at_end[0].truncated);
  const auto at_next = parse_log(
      "WARNING: ThreadSanitizer: data race (pid=1)\nWARNING: ThreadSanitizer: thread leak "
      "(pid=1)\nSUMMARY: ThreadSanitizer: thread leak\n",
      "cut.log");
  ASSERT_EQ(at_next.size(), 2U);
  EXPECT_TRUE(at_next[0].truncated);
  EXPECT_FALSE(at_next[1].truncated);
}

TEST(parser, ignores_look_alikes) {
  const auto reports = parse_log(
      "WARNING: ASan doesn't fully support makecontext/swapcontext\n"
      "ThreadSanitizer: reported 1 warnings\n"
      "ERROR: : nothing\nWARNING: Two words: no\nSUMMARY: ThreadSanitizer: orphan\n#0 0x1 in f "
      "/a.cpp:1\n",
      "noise.log");
  EXPECT_TRUE(reports.empty());
}

TEST(parser, garbage_never_crashes_and_messages_are_capped) {
  std::string garbage = "WARNING: ThreadSanitizer: data race\n";
  for (int i = 0; i < 10000; ++i)
    garbage += std::string(1, static_cast<char>(i % 256)) + " junk #" + std::to_string(i) + "\n";
  const auto reports = parse_log(garbage, "garbage.log");
  ASSERT_EQ(reports.size(), 1U);
  EXPECT_TRUE(reports[0].truncated);
  EXPECT_LE(reports[0].messages.size(), 64U);
}

// Speed is reported, not asserted: a few MB of log is the size CI hands the tool.
TEST(parser, speed_on_a_large_log) {
  std::string log;
  while (log.size() < std::size_t{8} * 1024 * 1024) log += tsan_race;
  const auto start = std::chrono::steady_clock::now();
  const auto reports = parse_log(log, "big.log");
  const std::chrono::duration<double> took = std::chrono::steady_clock::now() - start;
  const double megabytes = static_cast<double>(log.size()) / (1024.0 * 1024.0);
  RecordProperty("megabytes", std::to_string(megabytes));
  RecordProperty("seconds", std::to_string(took.count()));
  std::printf("parsed %.1f MB (%zu reports) in %.3f s\n", megabytes, reports.size(), took.count());
  EXPECT_EQ(reports.size(), log.size() / std::string{tsan_race}.size());
}

}  // namespace
}  // namespace safemap::sanitizer_report
