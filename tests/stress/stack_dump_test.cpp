// The watchdog's gdb output parsing and the report format sanitizer-report reads.
#include <gtest/gtest.h>

#include <string>

#include "stress/report.hpp"
#include "stress/watchdog/stack_dump.hpp"

namespace safemap::stress {
namespace {

// Recorded from `gdb -batch -p PID -ex 'set print frame-arguments none' -ex 'thread apply all bt'`
// attached to safemap-stress-self_deadlock (gdb 13), trimmed.
constexpr const char* gdb_output = R"([New LWP 27192]
[Thread debugging using libthread_db enabled]
__futex_abstimed_wait_common64 (private=128, cancel=true, abstime=0x0, op=265, expected=27193, futex_word=0x7f391741c990) at ./nptl/futex-internal.c:57

Thread 4 (Thread 0x7f391641a6c0 (LWP 27196) "safemap-stress-"):
#0  futex_wait (private=..., expected=..., futex_word=...) at ../sysdeps/nptl/futex-internal.h:146
#1  __GI___lll_lock_wait (futex=..., private=...) at ./nptl/lowlevellock.c:49
#7  safemap::broken::self_deadlock<unsigned long, unsigned long, std::hash<unsigned long>, std::equal_to<unsigned long> >::erase (this=..., key=...) at /src/tests/broken/self_deadlock.hpp:59
#8  0x000055c2031821b0 in safemap::broken::self_deadlock<unsigned long, unsigned long, std::hash<unsigned long>, std::equal_to<unsigned long> >::insert_or_assign (this=..., key=..., value=...) at /src/tests/broken/self_deadlock.hpp:55
#12 safemap::stress::run_round<...>(safemap::stress::round_plan const&)::{lambda()#1}::operator()() const (__closure=...) at /src/stress/workloads/round.hpp:110
#13 0x00007f3917ed44a3 in ?? () from /lib/x86_64-linux-gnu/libstdc++.so.6
#15 0x00007f3917d278ec in clone3 () at ../sysdeps/unix/sysv/linux/x86_64/clone3.S:81

Thread 1 (Thread 0x7f3917c1e740 (LWP 27190) "safemap-stress-"):
#4  0x00007f3917ed4517 in std::thread::join() () from /lib/x86_64-linux-gnu/libstdc++.so.6
)";

TEST(ParseGdbBacktraces, ReadsThreadsAndFrames) {
  const auto threads = parse_gdb_backtraces(gdb_output);
  ASSERT_EQ(threads.size(), 2u);
  EXPECT_EQ(threads[0].number, 4);
  EXPECT_EQ(threads[0].lwp, 27196);
  EXPECT_EQ(threads[0].name, "safemap-stress-");
  ASSERT_EQ(threads[0].frames.size(), 7u);
  EXPECT_EQ(threads[0].frames[0].function, "futex_wait");
  EXPECT_EQ(threads[0].frames[0].address, 0u);

  const auto& relock = threads[0].frames[2];
  EXPECT_EQ(
      relock.function,
      "safemap::broken::self_deadlock<unsigned long, unsigned long, std::hash<unsigned long>, "
      "std::equal_to<unsigned long> >::erase");
  EXPECT_EQ(relock.file, "/src/tests/broken/self_deadlock.hpp");
  EXPECT_EQ(relock.line, 59);
  EXPECT_EQ(threads[0].frames[3].address, 0x000055c2031821b0u);

  EXPECT_EQ(threads[0].frames[4].function,
            "safemap::stress::run_round<...>(safemap::stress::round_plan "
            "const&)::{lambda()#1}::operator()() const");
  EXPECT_EQ(threads[0].frames[5].function, "??");
  EXPECT_EQ(threads[0].frames[5].module, "/lib/x86_64-linux-gnu/libstdc++.so.6");
  EXPECT_TRUE(threads[0].frames[5].file.empty());

  ASSERT_EQ(threads[1].frames.size(), 1u);
  EXPECT_EQ(threads[1].frames[0].function, "std::thread::join()");
}

TEST(ParseGdbBacktraces, NoThreadsInUnrelatedText) {
  EXPECT_TRUE(parse_gdb_backtraces("ptrace: Operation not permitted.\n").empty());
}

TEST(FormatReport, FollowsTheSanitizerReportContract) {
  report finding{.tool = "SafemapWatchdog",
                 .kind = "deadlock",
                 .messages = {"no progress for 5.0 s"},
                 .stacks = {}};
  frame located;
  located.address = 0x1234;
  located.function = "ns::map::erase";
  located.file = "/src/tests/broken/x.hpp";
  located.line = 41;
  frame library;
  library.function = "start_thread";
  library.module = "/lib/libc.so.6";
  finding.stacks.push_back({.title = "Thread 2 (LWP 7) \"w\":", .frames = {located, library}});

  const auto text = format_report(finding);
  EXPECT_NE(text.find("==ERROR: SafemapWatchdog: deadlock\n"), std::string::npos) << text;
  EXPECT_EQ(text.rfind("==", 0), 0u) << text;
  EXPECT_NE(text.find("\n  no progress for 5.0 s\n"), std::string::npos) << text;
  EXPECT_NE(text.find("\n  Thread 2 (LWP 7) \"w\":\n"), std::string::npos) << text;
  EXPECT_NE(text.find("\n    #0 0x0000000000001234 in ns::map::erase /src/tests/broken/x.hpp:41\n"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("\n    #1 0x0000000000000000 in start_thread (/lib/libc.so.6)\n"),
            std::string::npos)
      << text;
  EXPECT_TRUE(text.ends_with("SUMMARY: SafemapWatchdog: deadlock\n")) << text;
}

}  // namespace
}  // namespace safemap::stress
