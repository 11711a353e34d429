#include "locator.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "dedupe.hpp"
#include "parser.hpp"

namespace safemap::sanitizer_report {
namespace {

frame at(std::string file, std::string function = "f()") {
  frame entry;
  entry.file = std::move(file);
  entry.function = std::move(function);
  entry.line = 3;
  return entry;
}

TEST(locator, project_frames_are_under_the_root_after_normalisation) {
  const locator source{"/work/repo/"};
  EXPECT_EQ(source.root(), "/work/repo");
  EXPECT_EQ(source.project_file(at("/work/repo/src/a.cpp")), "src/a.cpp");
  EXPECT_EQ(source.project_file(at("/work/repo/build/../src/./a.cpp")), "src/a.cpp");
  EXPECT_FALSE(source.project_file(at("/work/repository/src/a.cpp")));
  EXPECT_FALSE(source.project_file(at("/work/other/a.cpp")));
  EXPECT_FALSE(source.project_file(at("src/a.cpp")));
  EXPECT_FALSE(source.project_file(at("")));
}

TEST(locator, skips_libraries_runtimes_and_googletest_inside_the_root) {
  const locator source{"/"};
  EXPECT_FALSE(source.project_file(
      at("/usr/bin/../lib/gcc/x86_64-linux-gnu/12/../../../../include/c++/12/bits/std_mutex.h")));
  EXPECT_FALSE(source.project_file(at("/usr/include/x86_64-linux-gnu/c++/12/bits/gthr-default.h")));
  EXPECT_FALSE(
      source.project_file(at("/build/gcc/src/libsanitizer/tsan/tsan_interceptors_posix.cpp")));
  EXPECT_FALSE(source.project_file(at("/work/repo/build/_deps/googletest/src/gtest.cc")));
  EXPECT_FALSE(source.project_file(at("/usr/src/googletest/googletest/src/gtest.cc")));
  EXPECT_FALSE(source.project_file(at("/work/repo/src/a.cpp", "__interceptor_pthread_mutex_lock")));
  EXPECT_FALSE(source.project_file(at("/work/repo/src/a.cpp", "__tsan::CallUserSignalHandler()")));
  EXPECT_EQ(source.project_file(at("/work/repo/src/a.cpp")), "work/repo/src/a.cpp");
}

TEST(locator, location_is_the_first_project_frame_of_the_first_stack_that_has_one) {
  report raw;
  raw.stacks.push_back(stack{"creation", {at("/usr/include/c++/12/thread"), at("<null>")}});
  raw.stacks.push_back(stack{"access", {at("/usr/include/c++/12/x.h"), at("/p/src/b.cpp", "g()")}});
  const locator source{"/p"};
  source.mark_project_frames(raw);
  const auto where = source.locate(raw);
  ASSERT_TRUE(where);
  EXPECT_EQ(where->file, "src/b.cpp");
  EXPECT_EQ(where->function, "g()");
  EXPECT_FALSE(raw.stacks[0].frames[0].project_file);
}

TEST(locator, location_skips_library_directories_when_the_stack_leaves_them) {
  report raw;
  raw.stacks.push_back(
      stack{"access",
            {at("/usr/include/c++/12/x.h"), at("/p/src/safemap/checked_map.hpp", "insert()"),
             at("/p/tests/broken/user.hpp", "user()")}});
  const locator source{"/p", {"src/safemap"}};
  source.mark_project_frames(raw);
  auto where = source.locate(raw);
  ASSERT_TRUE(where);
  EXPECT_EQ(where->file, "tests/broken/user.hpp");

  raw.stacks[0].frames.pop_back();  // only library frames: the first of them
  where = source.locate(raw);
  ASSERT_TRUE(where);
  EXPECT_EQ(where->file, "src/safemap/checked_map.hpp");

  const locator absolute{"/p", {"/p/src/safemap/"}};
  EXPECT_EQ(absolute.locate(raw)->file, "src/safemap/checked_map.hpp");
}

frame without_line(std::string file, std::string function) {
  frame entry = at(std::move(file), std::move(function));
  entry.line = 0;
  return entry;
}

// Where the report points with the source root /p.
std::optional<location> located_under_p(report& raw) {
  const locator source{"/p"};
  source.mark_project_frames(raw);
  return source.locate(raw);
}

// clang at -O1: an inlined frame of merged code has a file and no line.
TEST(locator, location_is_the_first_project_frame_with_a_line_and_says_what_it_passed) {
  report raw;
  raw.stacks.push_back(
      stack{"access",
            {at("/usr/include/c++/12/x.h"), without_line("/p/a.cpp", "store_choice()"),
             at("/p/a.cpp", "set_first()"), at("/p/b.cpp", "main")}});
  raw.stacks[0].frames[1].index = 1;
  raw.stacks[0].frames[2].index = 2;
  const auto where = located_under_p(raw);
  ASSERT_TRUE(where);
  EXPECT_EQ(where->file, "a.cpp");
  EXPECT_EQ(where->line, 3);
  EXPECT_EQ(where->function, "set_first()");
  EXPECT_EQ(where->frame_index, 2);
  ASSERT_EQ(where->passed_over.size(), 1U);
  EXPECT_EQ(where->passed_over[0].function, "store_choice()");
  EXPECT_EQ(where->passed_over[0].index, 1);
}

TEST(locator, location_without_any_line_is_the_function_in_its_file) {
  report raw;
  raw.stacks.push_back(
      stack{"access",
            {without_line("/p/a.cpp", "store_choice()"), without_line("/p/a.cpp", "set_first()")}});
  raw.stacks.push_back(stack{"previous access", {at("/p/b.cpp", "other()")}});
  const auto where = located_under_p(raw);
  ASSERT_TRUE(where);
  EXPECT_EQ(where->file, "a.cpp");
  EXPECT_EQ(where->line, 0);
  EXPECT_EQ(where->function, "store_choice()");
  EXPECT_TRUE(where->passed_over.empty());
  EXPECT_EQ(location_string(finding{raw, where, 1}), "a.cpp store_choice()");
}

constexpr const char* misaligned_load =
    R"(RUNTIME_FILE:18:12: runtime error: load of misaligned address 0x7ffc for type 'const int', which requires 4 byte alignment
0x7ffc: note: pointer points here
 01 01 01 01
             ^ 
    #0 0x55 in read_word(char const*, bool) /p/u.cpp
    #1 0x55 in main /p/u.cpp:34:28
SUMMARY: UndefinedBehaviorSanitizer: undefined-behavior RUNTIME_FILE:18:12
)";

std::string misaligned_load_at(const std::string& runtime_file) {
  std::string text = misaligned_load;
  for (auto at = text.find("RUNTIME_FILE"); at != std::string::npos; at = text.find("RUNTIME_FILE"))
    text.replace(at, 12, runtime_file);
  return text;
}

// The runtime error line is where UBSan's check failed; the top frame is the same place, at -O1
// often without a line. A relative path there is the frame's file as compiled.
TEST(locator, ubsan_location_is_the_runtime_error_line_in_the_top_frames_function) {
  const locator source{"/p"};
  for (const std::string& runtime_file : {std::string{"/p/u.cpp"}, std::string{"u.cpp"}}) {
    SCOPED_TRACE(runtime_file);
    auto reports = parse_log(misaligned_load_at(runtime_file), "u.log");
    ASSERT_EQ(reports.size(), 1U);
    source.mark_project_frames(reports[0]);
    const auto where = source.locate(reports[0]);
    ASSERT_TRUE(where);
    EXPECT_EQ(where->file, "u.cpp");
    EXPECT_EQ(where->line, 18);
    EXPECT_EQ(where->column, 12);
    EXPECT_EQ(where->function, "read_word(char const*, bool)");
  }
}

TEST(locator, default_root_is_the_git_top_level) {
  const auto top = std::filesystem::temp_directory_path() / "sanitizer_report_locator_test";
  std::filesystem::remove_all(top);
  std::filesystem::create_directories(top / "a" / "b");
  EXPECT_EQ(default_source_root(top / "a" / "b"), top / "a" / "b");
  std::ofstream{top / ".git"} << "gitdir: elsewhere\n";
  EXPECT_EQ(default_source_root(top / "a" / "b"), top);
  std::filesystem::remove_all(top);
}

constexpr const char* race_template = R"(WARNING: ThreadSanitizer: data race (pid=1)
  Write of size 4 at 0x1 by thread T2:
    #0 bump() /p/a.cpp:LINE:3 (x+0x1)
  Previous write of size 4 at 0x1 by thread T1:
    #0 bump() /p/a.cpp:10:3 (x+0x1)
  Thread T2 (tid=9, running) created by main thread at:
    #1 main /p/a.cpp:CREATED (x+0x2)
SUMMARY: ThreadSanitizer: data race
)";

std::string race(int line, int created) {
  std::string text = race_template;
  text.replace(text.find("LINE"), 4, std::to_string(line));
  text.replace(text.find("CREATED"), 7, std::to_string(created));
  return text;
}

TEST(dedupe, same_kind_and_located_frames_merge_with_a_count) {
  const locator source{"/p"};
  const std::string log = race(10, 20) + race(10, 21) + race(12, 20) + race(10, 20);
  const auto findings = deduplicate(parse_log(log, "x.log"), source);
  ASSERT_EQ(findings.size(), 2U);
  EXPECT_EQ(findings[0].count, 3U);  // created at 20 or 21: thread creation does not count
  EXPECT_EQ(findings[0].where->line, 10);
  EXPECT_EQ(findings[1].count, 1U);
  EXPECT_EQ(findings[1].where->line, 12);
  EXPECT_EQ(project_frame_count(findings[0]), 3U);
  EXPECT_EQ(location_string(findings[0]), "a.cpp:10 bump()");
}

constexpr const char* lineless_race_template = R"(WARNING: ThreadSanitizer: data race (pid=1)
  Write of size 4 at 0x1 by thread T2:
    #0 store_choice(int&, int) /p/a.cpp (x+0x1)
    #1 CALLER(int) /p/a.cpp:LINE:55 (x+0x1)
  Previous write of size 4 at 0x1 by thread T1:
    #0 store_choice(int&, int) /p/a.cpp (x+0x1)
    #1 CALLER(int) /p/a.cpp:LINE:55 (x+0x1)
SUMMARY: ThreadSanitizer: data race
)";

std::string lineless_race(const std::string& caller, int line) {
  std::string text = lineless_race_template;
  for (auto at = text.find("CALLER"); at != std::string::npos; at = text.find("CALLER"))
    text.replace(at, 6, caller);
  for (auto at = text.find("LINE"); at != std::string::npos; at = text.find("LINE"))
    text.replace(at, 4, std::to_string(line));
  return text;
}

TEST(dedupe, reports_that_differ_beyond_a_lineless_frame_stay_apart) {
  const locator source{"/p"};
  const std::string log = lineless_race("set_first", 23) + lineless_race("set_second", 24) +
                          lineless_race("set_third", 25) + lineless_race("set_first", 23);
  const auto findings = deduplicate(parse_log(log, "x.log"), source);
  ASSERT_EQ(findings.size(), 3U);
  EXPECT_EQ(findings[0].count, 2U);
  EXPECT_EQ(location_string(findings[0]), "a.cpp:23 set_first(int)");
  EXPECT_EQ(location_string(findings[1]), "a.cpp:24 set_second(int)");
  EXPECT_EQ(findings[2].count, 1U);
}

// Where no project frame has a line, the functions tell the reports apart.
TEST(dedupe, lineless_locations_merge_only_in_the_same_function) {
  const locator source{"/p"};
  std::string first = lineless_race("set_first", 23);
  std::string second = lineless_race("set_second", 24);
  for (std::string* log : {&first, &second}) {
    for (auto at = log->find(":2"); at != std::string::npos; at = log->find(":2"))
      log->erase(at, 6);
  }
  const auto findings = deduplicate(parse_log(first + second + first, "x.log"), source);
  ASSERT_EQ(findings.size(), 2U);
  EXPECT_EQ(findings[0].count, 2U);
  EXPECT_EQ(findings[0].where->line, 0);
  EXPECT_EQ(findings[1].count, 1U);
}

TEST(dedupe, different_kinds_never_merge_and_complete_reports_win) {
  const locator source{"/p"};
  std::string leak = race(10, 20);
  leak.replace(leak.find("data race (pid=1)"), 17, "thread leak");
  const std::string cut = race(10, 20).substr(0, race(10, 20).find("SUMMARY"));
  const auto findings = deduplicate(parse_log(cut + race(10, 20) + leak, "x.log"), source);
  ASSERT_EQ(findings.size(), 2U);
  EXPECT_EQ(findings[0].count, 2U);
  EXPECT_FALSE(findings[0].first.truncated);
  EXPECT_EQ(findings[1].first.kind, "thread leak");
}

}  // namespace
}  // namespace safemap::sanitizer_report
