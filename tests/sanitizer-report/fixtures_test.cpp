// Every committed fixture log (real output of clang 14, clang 19 and g++ 12 runtimes) yields
// exactly the findings fixtures/expected.json names, at the lines the fixture programs mark
// with `// finding: <kind>`, with the right count, and says so in every output format.
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <sstream>
#include <string>
#include <tuple>
#include <vector>

#include "dedupe.hpp"
#include "locator.hpp"
#include "parser.hpp"
#include "render.hpp"

namespace safemap::sanitizer_report {
namespace {

using json = nlohmann::json;

const std::string fixtures = SANITIZER_REPORT_FIXTURES;
const std::string programs_dir = "tests/sanitizer-report/fixtures/programs/";

std::string read(const std::string& path) {
  std::ifstream in{path, std::ios::binary};
  EXPECT_TRUE(in) << "cannot read " << path;
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string source_root() {
  std::string root = read(fixtures + "/source-root.txt");
  while (!root.empty() && (root.back() == '\n' || root.back() == '\r')) root.pop_back();
  return root;
}

struct expected_finding {
  std::string sanitizer;
  std::string kind;
  std::string file;
  int line = 0;
  std::size_t count = 0;
  auto tie() const { return std::tie(sanitizer, kind, file, line, count); }
  bool operator<(const expected_finding& other) const { return tie() < other.tie(); }
  bool operator==(const expected_finding& other) const { return tie() == other.tie(); }
};

std::ostream& operator<<(std::ostream& out, const expected_finding& found) {
  return out << found.sanitizer << ": " << found.kind << " at " << found.file << ":" << found.line
             << " x" << found.count;
}

// The lines of `program` that carry `// finding: <marker>` (the whole rest of the line).
std::vector<int> marked_lines(const std::string& program, const std::string& marker) {
  std::istringstream source{read(fixtures + "/programs/" + program)};
  std::vector<int> lines;
  std::string text;
  for (int number = 1; std::getline(source, text); ++number) {
    const auto at = text.find("// finding: ");
    if (at != std::string::npos && text.substr(at + 12) == marker) lines.push_back(number);
  }
  EXPECT_FALSE(lines.empty()) << program << " has no '// finding: " << marker << "' line";
  return lines;
}

std::vector<expected_finding> expected_for(const json& log, const std::string& compiler) {
  std::vector<expected_finding> expected;
  for (const json& entry : log.at("findings")) {
    if (entry.contains("only")) {
      const auto only = entry.at("only").get<std::vector<std::string>>();
      if (std::find(only.begin(), only.end(), compiler) == only.end()) continue;
    }
    const auto kind = entry.at("kind").get<std::string>();
    const auto program = entry.at("program").get<std::string>();
    for (int line : marked_lines(program, entry.value("marker", kind))) {
      expected.push_back({entry.at("sanitizer").get<std::string>(), kind, programs_dir + program,
                          line, entry.at("count").get<std::size_t>()});
    }
  }
  std::sort(expected.begin(), expected.end());
  return expected;
}

std::vector<expected_finding> sorted(std::vector<expected_finding> found) {
  std::sort(found.begin(), found.end());
  return found;
}

std::vector<expected_finding> from_model(const std::vector<finding>& findings) {
  std::vector<expected_finding> found;
  for (const finding& entry : findings) {
    found.push_back({entry.first.sanitizer, entry.first.kind, entry.where ? entry.where->file : "",
                     entry.where ? entry.where->line : 0, entry.count});
  }
  return sorted(found);
}

std::vector<expected_finding> from_json(const std::string& text) {
  std::vector<expected_finding> found;
  for (const json& entry : json::parse(text)) {
    const json& where = entry.at("location");
    found.push_back({entry.at("sanitizer").get<std::string>(), entry.at("kind").get<std::string>(),
                     where.is_null() ? "" : where.at("file").get<std::string>(),
                     where.is_null() ? 0 : where.at("line").get<int>(),
                     entry.at("count").get<std::size_t>()});
  }
  return sorted(found);
}

// SARIF names the kind through its rule: "<sanitizer>/<kind with dashes>".
std::vector<expected_finding> from_sarif(const std::string& text) {
  const json log = json::parse(text);
  const json& run = log.at("runs").at(0);
  std::vector<expected_finding> found;
  for (const json& result : run.at("results")) {
    const json& rule = run.at("tool").at("driver").at("rules").at(result.at("ruleIndex").get<std::size_t>());
    const auto description = rule.at("shortDescription").at("text").get<std::string>();
    const auto colon = description.find(": ");
    const json& physical = result.at("locations").at(0).at("physicalLocation");
    EXPECT_EQ(rule.at("id"), result.at("ruleId"));
    found.push_back({description.substr(0, colon), description.substr(colon + 2),
                     physical.at("artifactLocation").at("uri").get<std::string>(),
                     physical.at("region").at("startLine").get<int>(),
                     result.at("occurrenceCount").get<std::size_t>()});
  }
  return sorted(found);
}

std::string count_suffix(std::size_t count) {
  return count > 1 ? " (" + std::to_string(count) + " reports)" : "";
}

// The one annotation at the finding's file and line with its sanitizer and kind as title.
std::optional<std::string> annotation_for(const std::string& github, const expected_finding& want) {
  std::istringstream lines{github};
  std::string line;
  while (std::getline(lines, line)) {
    if (line.starts_with("::error file=" + want.file + ",line=" + std::to_string(want.line) + ",") &&
        line.find(",title=" + want.sanitizer + "%3A " + want.kind + "::" + want.kind) != std::string::npos) {
      return line;
    }
  }
  return std::nullopt;
}

class fixture_logs : public testing::TestWithParam<std::string> {};

TEST_P(fixture_logs, yield_the_marked_findings_in_every_format) {
  const std::string compiler = GetParam();
  const json manifest = json::parse(read(fixtures + "/expected.json"));
  const locator source{source_root()};
  for (const json& log : manifest.at("logs")) {
    const std::string name = compiler + "/" + log.at("log").get<std::string>();
    SCOPED_TRACE(name);
    const auto expected = expected_for(log, compiler);
    const auto findings = deduplicate(parse_log(read(fixtures + "/" + name), name), source);

    EXPECT_EQ(from_model(findings), expected);
    EXPECT_EQ(from_json(render_json(findings)), expected);
    EXPECT_EQ(from_sarif(render_sarif(findings, {source.root()})), expected);

    const std::string text = render_text(findings);
    const std::string github = render_github(findings);
    const std::string markdown = render_markdown(findings);
    for (const expected_finding& want : expected) {
      SCOPED_TRACE(testing::Message() << want);
      const std::string at = want.file + ":" + std::to_string(want.line);
      EXPECT_NE(text.find(want.sanitizer + ": " + want.kind + count_suffix(want.count) + "\n  at " + at),
                std::string::npos);
      const auto annotation = annotation_for(github, want);
      ASSERT_TRUE(annotation) << github;
      EXPECT_EQ(annotation->find(" reports)") != std::string::npos, want.count > 1) << *annotation;
      EXPECT_NE(markdown.find("| `" + want.sanitizer + "` | `" + want.kind + "` | `" + at),
                std::string::npos);
    }
  }
}

INSTANTIATE_TEST_SUITE_P(compilers, fixture_logs, testing::Values("clang14", "clang19", "gcc12"));

TEST(fixture_logs, truncated_report_is_flagged) {
  const auto reports = parse_log(read(fixtures + "/truncated.log"), "truncated.log");
  ASSERT_EQ(reports.size(), 1U);
  EXPECT_TRUE(reports.front().truncated);
  EXPECT_EQ(reports.front().kind, "data race");
}

}  // namespace
}  // namespace safemap::sanitizer_report
