#include "render.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "access.hpp"
#include "dedupe.hpp"
#include "parser.hpp"

namespace safemap::sanitizer_report {
namespace {

std::vector<finding> findings_of(const std::string& log) {
  return deduplicate(parse_log(log, "r.log"), locator{"/p"});
}

const char* odd_race = R"(WARNING: ThreadSanitizer: data race (pid=1)
  Read of size 8 at 0x1 by thread T3 (mutexes: write M0):
    #0 operator|(a, b) /p/dir,with:odd%chars/a.cpp:7:2 (x+0x1)
  Previous atomic write of size 8 at 0x1 by main thread:
    #0 set() /p/b.cpp:9 (x+0x1)
SUMMARY: ThreadSanitizer: data race
)";

TEST(access, reads_tsan_and_asan_titles) {
  const auto race =
      parse_access("Previous atomic write of size 8 at 0x7b04 by thread T1 (mutexes: write M0)");
  ASSERT_TRUE(race);
  EXPECT_TRUE(race->previous);
  EXPECT_TRUE(race->atomic);
  EXPECT_EQ(race->operation, "write");
  EXPECT_EQ(race->size, 8);
  EXPECT_EQ(race->thread, "thread T1");
  EXPECT_EQ(describe(*race), "previous atomic write of size 8 by thread T1");
  const auto asan = parse_access("READ of size 4 at 0x502000000010 thread T0");
  ASSERT_TRUE(asan);
  EXPECT_EQ(describe(*asan), "read of size 4 by thread T0");
  EXPECT_FALSE(parse_access("Mutex M0 (0x1) created at"));
  EXPECT_FALSE(parse_access("Thread T1 (tid=2, running) created by main thread at"));
}

TEST(render, text_names_the_race_accesses) {
  const std::string text = render_text(findings_of(odd_race));
  EXPECT_NE(
      text.find("ThreadSanitizer: data race\n  at dir,with:odd%chars/a.cpp:7:2 operator|(a, b)\n"),
      std::string::npos)
      << text;
  EXPECT_NE(text.find("  read of size 8 by thread T3 at "), std::string::npos) << text;
  EXPECT_NE(text.find("  previous atomic write of size 8 by main thread at b.cpp:9 set()"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("1 finding from 1 report\n"), std::string::npos) << text;
}

TEST(render, github_escapes_properties_and_data) {
  const std::string github = render_github(findings_of(odd_race));
  EXPECT_EQ(github.rfind("::error file=dir%2Cwith%3Aodd%25chars/a.cpp,line=7,col=2,"
                         "title=ThreadSanitizer%3A data race::data race in operator|(a, b)%0A",
                         0),
            0U)
      << github;
  EXPECT_EQ(github.find('\n'), github.size() - 1) << "one annotation, one line";
}

TEST(render, github_annotation_without_location_has_no_file) {
  const std::string github = render_github(findings_of(
      "==1==ERROR: LeakSanitizer: detected memory leaks\nDirect leak of 4 byte(s) in 1 object(s) "
      "allocated from:\n"
      "    #0 0x1 in malloc (/lib/x.so+0x1)\nSUMMARY: AddressSanitizer: 4 byte(s) leaked\n"));
  EXPECT_EQ(github,
            "::error title=LeakSanitizer%3A detected memory leaks::detected memory leaks\n");
}

TEST(render, markdown_escapes_pipes_and_handles_no_findings) {
  const std::string markdown = render_markdown(findings_of(odd_race));
  EXPECT_NE(markdown.find("| `ThreadSanitizer` | `data race` | `dir,with:odd%chars/a.cpp:7:2` | "
                          "`operator\\|(a, b)` | 1 |"),
            std::string::npos)
      << markdown;
  EXPECT_EQ(render_markdown({}), "### Sanitizer findings\n\nNo sanitizer findings.\n");
}

TEST(render, json_survives_invalid_utf8) {
  const std::string log = std::string{
      "WARNING: ThreadSanitizer: data race\n  Write of size 1 at 0x1 by thread T1:\n    #0 "
      "f\xff\xfe() /p/a.cpp:1 (x+0x1)\nSUMMARY: ThreadSanitizer: data race\n"};
  const auto parsed = nlohmann::json::parse(render_json(findings_of(log)));
  EXPECT_EQ(parsed.at(0).at("location").at("file"), "a.cpp");
  const auto sarif = nlohmann::json::parse(render_sarif(findings_of(log), {"/p"}));
  EXPECT_EQ(sarif.at("runs").at(0).at("results").size(), 1U);
}

TEST(render, sarif_percent_encodes_uris_and_relates_other_stacks) {
  const auto sarif = nlohmann::json::parse(render_sarif(findings_of(odd_race), {"/p"}));
  const auto& run = sarif.at("runs").at(0);
  EXPECT_EQ(run.at("originalUriBaseIds").at("%SRCROOT%").at("uri"), "file:///p/");
  const auto& result = run.at("results").at(0);
  EXPECT_EQ(result.at("ruleId"), "ThreadSanitizer/data-race");
  EXPECT_EQ(result.at("locations").at(0).at("physicalLocation").at("artifactLocation").at("uri"),
            "dir%2Cwith%3Aodd%25chars/a.cpp");
  EXPECT_EQ(result.at("relatedLocations").at(0).at("physicalLocation").at("region").at("startLine"),
            9);
  EXPECT_EQ(result.at("stacks").size(), 2U);
}

const char* lineless_race = R"(WARNING: ThreadSanitizer: data race (pid=1)
  Write of size 4 at 0x1 by thread T2:
    #0 store_choice(int&, int) /p/a.cpp (x+0x1)
    #1 set_first(int) /p/a.cpp:23:55 (x+0x1)
SUMMARY: ThreadSanitizer: data race
WARNING: ThreadSanitizer: data race (pid=1)
  Write of size 4 at 0x1 by thread T2:
    #0 store_choice(int&, int) /p/b.cpp (x+0x1)
SUMMARY: ThreadSanitizer: data race
)";

TEST(render, a_location_passed_over_lineless_frames_says_so_and_none_prints_line_zero) {
  const auto findings = findings_of(lineless_race);
  ASSERT_EQ(findings.size(), 2U);
  const std::string text = render_text(findings);
  EXPECT_NE(text.find("  at a.cpp:23:55 set_first(int)\n"
                      "  (frame #1, the first project frame with a line: #0 store_choice(int&, "
                      "int) has none)\n"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("  at b.cpp store_choice(int&, int)\n  (no project frame has a line)\n"),
            std::string::npos)
      << text;
  const std::string github = render_github(findings);
  EXPECT_NE(github.find("::error file=a.cpp,line=23,col=55,"), std::string::npos) << github;
  EXPECT_NE(github.find("::error file=b.cpp,title="), std::string::npos) << github;
  EXPECT_NE(github.find("%0A(no project frame has a line)"), std::string::npos) << github;
  const auto json = nlohmann::json::parse(render_json(findings));
  EXPECT_TRUE(json.at(1).at("location").at("line").is_null());
  EXPECT_TRUE(json.at(1).at("location").at("column").is_null());
  EXPECT_TRUE(json.at(1).at("stacks").at(0).at("frames").at(0).at("line").is_null());
  EXPECT_EQ(json.at(0).at("location").at("passed_over").at(0).at("function"),
            "store_choice(int&, int)");
  const auto sarif = nlohmann::json::parse(render_sarif(findings, {"/p"}));
  const auto& lineless = sarif.at("runs").at(0).at("results").at(1).at("locations").at(0);
  EXPECT_FALSE(lineless.at("physicalLocation").contains("region"));
  EXPECT_EQ(lineless.at("logicalLocations").at(0).at("fullyQualifiedName"),
            "store_choice(int&, int)");
  EXPECT_EQ(render_markdown(findings).find(":0"), std::string::npos);
}

const char* stack_overflow =
    R"(==1==ERROR: AddressSanitizer: stack-buffer-overflow on address 0x7fc4 at pc 0x55 bp 0x7ffe sp 0x7ffe
READ of size 4 at 0x7fc4 thread T0
    #0 0x55 in overflow(int) /p/a.cpp:31:10
Address 0x7fc4 is located in stack of thread T0 at offset 48 in frame
    #0 0x55 in main /p/a.cpp:51

  This frame has 1 object(s):
    [32, 48) 'values' (line 29) <== Memory access at offset 48 overflows this variable
HINT: this may be a false positive if your program uses some custom stack unwind mechanism, swapcontext or vfork
SUMMARY: AddressSanitizer: stack-buffer-overflow /p/a.cpp:31:10 in overflow(int)
)";

// What the text format shows, the annotation and the SARIF message say too: the title, the
// runtime's own header, the access, and the report's lines.
TEST(render, messages_say_what_happened) {
  const auto findings = findings_of(stack_overflow);
  const auto sarif = nlohmann::json::parse(render_sarif(findings, {"/p"}));
  const std::string message =
      sarif.at("runs").at(0).at("results").at(0).at("message").at("text").get<std::string>();
  EXPECT_EQ(message,
            "stack-buffer-overflow in overflow(int)\n"
            "stack-buffer-overflow on address 0x7fc4\n"
            "read of size 4 by thread T0 at a.cpp:31:10 overflow(int)\n"
            "This frame has 1 object(s):\n"
            "[32, 48) 'values' (line 29) <== Memory access at offset 48 overflows this variable\n"
            "HINT: this may be a false positive if your program uses some custom stack unwind "
            "mechanism, swapcontext or vfork");
  EXPECT_NE(render_github(findings).find("%0A[32, 48) 'values' (line 29)"), std::string::npos);
  // A TSan header says no more than the kind and its pid: not repeated.
  const auto race = nlohmann::json::parse(render_sarif(findings_of(odd_race), {"/p"}));
  EXPECT_EQ(
      race.at("runs").at(0).at("results").at(0).at("message").at("text").get<std::string>().find(
          "pid="),
      std::string::npos);
}

TEST(render, formats_by_name) {
  EXPECT_EQ(parse_format("sarif"), output_format::sarif);
  EXPECT_EQ(parse_format("markdown"), output_format::markdown);
  EXPECT_FALSE(parse_format("xml"));
}

}  // namespace
}  // namespace safemap::sanitizer_report
