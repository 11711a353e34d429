#include "expect.hpp"

#include <gtest/gtest.h>

#include <regex>

#include "dedupe.hpp"
#include "parser.hpp"

namespace safemap::sanitizer_report {
namespace {

const char* two_races = R"(WARNING: ThreadSanitizer: data race (pid=1)
  Write of size 4 at 0x1 by thread T2:
    #0 bump() /p/tests/broken/counter.hpp:41:3 (x+0x1)
    #1 run() /p/src/stress/driver.cpp:88 (x+0x1)
SUMMARY: ThreadSanitizer: data race
WARNING: ThreadSanitizer: data race (pid=2)
  Write of size 4 at 0x1 by thread T3:
    #0 bump() /p/tests/broken/counter.hpp:41:3 (x+0x1)
    #1 run() /p/src/stress/driver.cpp:88 (x+0x1)
SUMMARY: ThreadSanitizer: data race
)";

std::vector<finding> races() { return deduplicate(parse_log(two_races, "x"), locator{"/p"}); }

expectation race_at(std::string pattern) {
  expectation expected;
  expected.kind = "data race";
  expected.location_pattern = std::move(pattern);
  return expected;
}

TEST(expect, passes_when_kind_location_count_and_frames_match) {
  auto expected = race_at(R"(counter\.hpp:41 bump)");
  expected.min_count = 2;
  expected.min_project_frames = 2;
  const verdict result = check(expected, races(), {});
  EXPECT_TRUE(result.met) << result.explanation;
}

TEST(expect, fails_when_absent_elsewhere_or_too_weak) {
  EXPECT_FALSE(check(race_at("map\\.hpp"), races(), {}).met);
  auto wrong_kind = race_at("counter");
  wrong_kind.kind = "heap-use-after-free";
  const verdict absent = check(wrong_kind, races(), {});
  EXPECT_FALSE(absent.met);
  EXPECT_NE(absent.explanation.find("none of that kind"), std::string::npos) << absent.explanation;
  auto too_often = race_at("counter");
  too_often.min_count = 3;
  const verdict weak = check(too_often, races(), {});
  EXPECT_FALSE(weak.met);
  EXPECT_NE(weak.explanation.find("count 2"), std::string::npos) << weak.explanation;
  auto too_deep = race_at("counter");
  too_deep.min_project_frames = 3;
  EXPECT_FALSE(check(too_deep, races(), {}).met);
  EXPECT_FALSE(check(race_at("counter"), {}, {}).met);
}

TEST(expect, kind_is_matched_exactly) {
  auto prefix = race_at("counter");
  prefix.kind = "data";
  EXPECT_FALSE(check(prefix, races(), {}).met);
}

// UBSan's kind is the runtime's words ("store to null pointer"); its class ("null pointer use")
// names the check, so an expectation may use either.
TEST(expect, ubsan_kind_or_class) {
  const auto findings =
      deduplicate(parse_log("/p/u.cpp:26:3: runtime error: store to null pointer of type 'int'\n"
                            "    #0 0x55 in clear_through(int*) /p/u.cpp:26:11\n",
                            "u.log"),
                  locator{"/p"});
  expectation expected;
  expected.location_pattern = R"(^u\.cpp:26 clear_through)";
  for (const char* kind : {"store to null pointer", "null pointer use"}) {
    expected.kind = kind;
    const verdict result = check(expected, findings, {});
    EXPECT_TRUE(result.met) << kind << ": " << result.explanation;
  }
  expected.kind = "store to";
  EXPECT_FALSE(check(expected, findings, {}).met);
}

TEST(expect, none_needs_no_finding_and_a_clean_exit) {
  const expectation none;
  EXPECT_TRUE(check(none, {}, {}).met);
  EXPECT_FALSE(check(none, races(), {}).met);
  command_outcome crashed;
  crashed.exit_code = 66;
  const verdict failed = check(none, {}, crashed);
  EXPECT_FALSE(failed.met);
  EXPECT_NE(failed.explanation.find("exit code 66"), std::string::npos) << failed.explanation;
}

TEST(expect, bad_pattern_throws) {
  EXPECT_THROW(check(race_at("(unclosed"), races(), {}), std::regex_error);
}

}  // namespace
}  // namespace safemap::sanitizer_report
