#include "frame_line.hpp"

#include <gtest/gtest.h>

namespace safemap::sanitizer_report {
namespace {

TEST(frame_line, asan_form) {
  const auto parsed = parse_frame_line(
      "    #1 0x55ab3895275f in (anonymous namespace)::double_free() /src/a.cpp:42:3");
  ASSERT_TRUE(parsed);
  EXPECT_EQ(parsed->index, 1);
  EXPECT_EQ(parsed->function, "(anonymous namespace)::double_free()");
  EXPECT_EQ(parsed->file, "/src/a.cpp");
  EXPECT_EQ(parsed->line, 42);
  EXPECT_EQ(parsed->column, 3);
}

TEST(frame_line, asan_function_with_spaces_and_module_only) {
  const auto parsed = parse_frame_line(
      "    #0 0x7f in operator delete(void*, unsigned long) (/tmp/as+0x10c732) (BuildId: 88)");
  ASSERT_TRUE(parsed);
  EXPECT_EQ(parsed->function, "operator delete(void*, unsigned long)");
  EXPECT_EQ(parsed->file, "");
  EXPECT_EQ(parsed->module, "/tmp/as+0x10c732");
}

TEST(frame_line, tsan_form_with_build_id) {
  const auto parsed = parse_frame_line(
      "    #5 std::thread::_State_impl<std::thread::_Invoker<std::tuple<void (*)()> > >::_M_run() "
      "/usr/include/c++/12/bits/std_thread.h:210:13 (exe+0xe7aed) (BuildId: c681)");
  ASSERT_TRUE(parsed);
  EXPECT_EQ(parsed->index, 5);
  EXPECT_EQ(parsed->function,
            "std::thread::_State_impl<std::thread::_Invoker<std::tuple<void (*)()> > >::_M_run()");
  EXPECT_EQ(parsed->file, "/usr/include/c++/12/bits/std_thread.h");
  EXPECT_EQ(parsed->line, 210);
  EXPECT_EQ(parsed->module, "exe+0xe7aed");
}

TEST(frame_line, gcc_tsan_form_without_column) {
  const auto parsed = parse_frame_line("    #0 bump /src/a.cpp:10 (g++-race+0x1266)");
  ASSERT_TRUE(parsed);
  EXPECT_EQ(parsed->function, "bump");
  EXPECT_EQ(parsed->line, 10);
  EXPECT_EQ(parsed->column, 0);
}

TEST(frame_line, unsymbolised) {
  const auto parsed = parse_frame_line("    #6 <null> <null> (libstdc++.so.6+0xd44a2)");
  ASSERT_TRUE(parsed);
  EXPECT_EQ(parsed->function, "");
  EXPECT_EQ(parsed->file, "");
  EXPECT_EQ(parsed->module, "libstdc++.so.6+0xd44a2");
}

TEST(frame_line, file_without_line) {
  const auto parsed = parse_frame_line("    #1 main /src/a.cpp (exe+0xe6892)");
  ASSERT_TRUE(parsed);
  EXPECT_EQ(parsed->function, "main");
  EXPECT_EQ(parsed->file, "/src/a.cpp");
  EXPECT_EQ(parsed->line, 0);
}

TEST(frame_line, gdb_at_and_from_forms) {
  const auto at = parse_frame_line("#2  0x0000 in worker (arg=0x0) at /src/a.cpp:7");
  ASSERT_TRUE(at);
  EXPECT_EQ(at->function, "worker (arg=0x0)");
  EXPECT_EQ(at->file, "/src/a.cpp");
  EXPECT_EQ(at->line, 7);
  const auto from =
      parse_frame_line("#0  0x00007f in clone3 () from /lib/x86_64-linux-gnu/libc.so.6");
  ASSERT_TRUE(from);
  EXPECT_EQ(from->function, "clone3 ()");
  EXPECT_EQ(from->file, "");
  EXPECT_EQ(from->module, "/lib/x86_64-linux-gnu/libc.so.6");
}

TEST(frame_line, rejects_non_frames) {
  EXPECT_FALSE(parse_frame_line("#include <map>"));
  EXPECT_FALSE(parse_frame_line("# 1 not a frame"));
  EXPECT_FALSE(parse_frame_line("#12"));
  EXPECT_FALSE(parse_frame_line("  Write of size 4 at 0x7b04 by thread T1:"));
  EXPECT_FALSE(parse_frame_line(""));
  EXPECT_FALSE(parse_frame_line("#99999999999999999999 0x1 in f /a.cpp:1"));
}

}  // namespace
}  // namespace safemap::sanitizer_report
