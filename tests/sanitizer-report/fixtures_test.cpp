// Every committed fixture log (real output of clang 14, clang 19 and g++ 12 runtimes) yields
// exactly the findings fixtures/expected.json names, at the lines the fixture programs mark
// with `// finding: <kind>`, with the right count, function and message, and says so in every
// output format; no format prints a line 0 for any of them.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <regex>
#include <set>
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

// The checkout the compiler's logs were generated in.
std::string source_root(const std::string& compiler) {
  std::string root = read(fixtures + "/" + compiler + "/source-root.txt");
  while (!root.empty() && (root.back() == '\n' || root.back() == '\r')) root.pop_back();
  return root;
}

struct expected_finding {
  std::string sanitizer;
  std::string kind;
  std::string file;
  int line = 0;
  std::size_t count = 0;
  std::string function;           // expected: a part of the location's function; may be empty
  std::vector<std::string> says;  // expected: parts of the SARIF and GitHub messages
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

// The strings of an entry's list; none when it has no such key.
std::vector<std::string> strings(const json& entry, const char* key) {
  std::vector<std::string> listed;
  if (const auto found = entry.find(key); found != entry.end()) {
    for (const json& item : *found) listed.push_back(item.get<std::string>());
  }
  return listed;
}

// The entry's string under the key; empty when it has none.
std::string string_or_empty(const json& entry, const char* key) {
  const auto found = entry.find(key);
  return found == entry.end() ? std::string{} : found->get<std::string>();
}

// An entry without the key is for every compiler.
bool names(const json& entry, const char* key, const std::string& compiler) {
  const auto listed = strings(entry, key);
  return !entry.contains(key) || std::find(listed.begin(), listed.end(), compiler) != listed.end();
}

std::vector<expected_finding> expected_for(const json& log, const std::string& compiler) {
  std::vector<expected_finding> expected;
  for (const json& entry : log.at("findings")) {
    if (!names(entry, "only", compiler)) continue;
    const auto kind = entry.at("kind").get<std::string>();
    const auto program = entry.at("program").get<std::string>();
    for (int line : marked_lines(program, entry.value("marker", kind))) {
      expected.push_back({entry.at("sanitizer").get<std::string>(), kind, programs_dir + program,
                          line, entry.at("count").get<std::size_t>(),
                          string_or_empty(entry, "function"), strings(entry, "says")});
    }
  }
  std::sort(expected.begin(), expected.end());
  return expected;
}

// A manifest entry's "log": one log, or several read together (runs of one program).
std::vector<std::string> logs_of(const json& entry) {
  const json& log = entry.at("log");
  return log.is_array() ? log.get<std::vector<std::string>>()
                        : std::vector<std::string>{log.get<std::string>()};
}

// Sorted alike, the findings' functions contain the expected parts.
void expect_functions(const std::vector<expected_finding>& found,
                      const std::vector<expected_finding>& expected) {
  if (found.size() != expected.size()) return;  // the comparison of the findings says why
  for (std::size_t i = 0; i < found.size(); ++i) {
    EXPECT_NE(found[i].function.find(expected[i].function), std::string::npos)
        << expected[i] << ": function '" << found[i].function << "', expected a part '"
        << expected[i].function << "'";
  }
}

std::vector<expected_finding> sorted(std::vector<expected_finding> found) {
  std::sort(found.begin(), found.end());
  return found;
}

std::vector<expected_finding> from_model(const std::vector<finding>& findings) {
  std::vector<expected_finding> found;
  for (const finding& entry : findings) {
    found.push_back({entry.first.sanitizer,
                     entry.first.kind,
                     entry.where ? entry.where->file : "",
                     entry.where ? entry.where->line : 0,
                     entry.count,
                     entry.where ? entry.where->function : "",
                     {}});
  }
  return sorted(found);
}

std::vector<expected_finding> from_json(const std::string& text) {
  std::vector<expected_finding> found;
  for (const json& entry : json::parse(text)) {
    const json& where = entry.at("location");
    found.push_back(
        {entry.at("sanitizer").get<std::string>(),
         entry.at("kind").get<std::string>(),
         where.is_null() ? "" : where.at("file").get<std::string>(),
         where.is_null() || where.at("line").is_null() ? 0 : where.at("line").get<int>(),
         entry.at("count").get<std::size_t>(),
         where.is_null() ? "" : where.at("function").get<std::string>(),
         {}});
  }
  return sorted(found);
}

// SARIF names the kind through its rule: "<sanitizer>/<kind with dashes>", one rule per
// sanitizer and kind.
std::vector<expected_finding> from_sarif(const std::string& text) {
  const json log = json::parse(text);
  const json& run = log.at("runs").at(0);
  std::vector<expected_finding> found;
  std::set<std::string> kinds;
  for (const json& result : run.at("results")) {
    const json& rule =
        run.at("tool").at("driver").at("rules").at(result.at("ruleIndex").get<std::size_t>());
    const auto description = rule.at("shortDescription").at("text").get<std::string>();
    const auto colon = description.find(": ");
    const json& location = result.at("locations").at(0);
    const json& physical = location.at("physicalLocation");
    EXPECT_EQ(rule.at("id"), result.at("ruleId"));
    kinds.insert(description);
    found.push_back(
        {description.substr(0, colon),
         description.substr(colon + 2),
         physical.at("artifactLocation").at("uri").get<std::string>(),
         physical.contains("region") ? physical.at("region").at("startLine").get<int>() : 0,
         result.at("occurrenceCount").get<std::size_t>(),
         location.contains("logicalLocations")
             ? location.at("logicalLocations").at(0).at("fullyQualifiedName").get<std::string>()
             : "",
         {}});
  }
  EXPECT_EQ(run.at("tool").at("driver").at("rules").size(), kinds.size());
  return sorted(found);
}

// The SARIF message of the result at the finding's file and line.
std::string sarif_message(const std::string& text, const expected_finding& want) {
  const json log = json::parse(text);
  for (const json& result : log.at("runs").at(0).at("results")) {
    const json& physical = result.at("locations").at(0).at("physicalLocation");
    if (physical.at("artifactLocation").at("uri") == want.file && physical.contains("region") &&
        physical.at("region").at("startLine") == want.line) {
      return result.at("message").at("text").get<std::string>();
    }
  }
  return {};
}

std::string count_suffix(std::size_t count) {
  return count > 1 ? " (" + std::to_string(count) + " reports)" : "";
}

// The one annotation at the finding's file and line with its sanitizer and kind as title.
std::optional<std::string> annotation_for(const std::string& github, const expected_finding& want) {
  std::istringstream lines{github};
  std::string line;
  while (std::getline(lines, line)) {
    if (line.starts_with("::error file=" + want.file + ",line=" + std::to_string(want.line) +
                         ",") &&
        line.find(",title=" + want.sanitizer + "%3A " + want.kind + "::" + want.kind) !=
            std::string::npos) {
      return line;
    }
  }
  return std::nullopt;
}

class fixture_logs : public testing::TestWithParam<std::string> {};

// The reports of the named logs, read together as one CI job's logs are.
std::vector<report> reports_of(const std::string& compiler, const std::vector<std::string>& logs) {
  std::vector<report> reports;
  for (const std::string& log : logs) {
    const std::string name = compiler + "/" + log;
    auto parsed = parse_log(read(fixtures + "/" + name), name);
    std::move(parsed.begin(), parsed.end(), std::back_inserter(reports));
  }
  return reports;
}

TEST_P(fixture_logs, yield_the_marked_findings_in_every_format) {
  const std::string compiler = GetParam();
  const json manifest = json::parse(read(fixtures + "/expected.json"));
  const locator source{source_root(compiler)};
  for (const json& log : manifest.at("logs")) {
    if (!names(log, "compilers", compiler)) continue;
    SCOPED_TRACE(log.at("log").dump());
    const auto expected = expected_for(log, compiler);
    const auto findings = deduplicate(reports_of(compiler, logs_of(log)), source);

    EXPECT_EQ(from_model(findings), expected);
    expect_functions(from_model(findings), expected);
    EXPECT_EQ(from_json(render_json(findings)), expected);
    expect_functions(from_json(render_json(findings)), expected);
    const std::string sarif = render_sarif(findings, {source.root()});
    EXPECT_EQ(from_sarif(sarif), expected);
    expect_functions(from_sarif(sarif), expected);

    const std::string text = render_text(findings);
    const std::string github = render_github(findings);
    const std::string markdown = render_markdown(findings);
    for (const expected_finding& want : expected) {
      SCOPED_TRACE(testing::Message() << want);
      const std::string at = want.file + ":" + std::to_string(want.line);
      EXPECT_NE(
          text.find(want.sanitizer + ": " + want.kind + count_suffix(want.count) + "\n  at " + at),
          std::string::npos);
      const auto annotation = annotation_for(github, want);
      ASSERT_TRUE(annotation) << github;
      EXPECT_EQ(annotation->find(" reports)") != std::string::npos, want.count > 1) << *annotation;
      EXPECT_NE(markdown.find("| `" + want.sanitizer + "` | `" + want.kind + "` | `" + at),
                std::string::npos);
      const std::string message = sarif_message(sarif, want);
      for (const std::string& part : want.says) {
        EXPECT_NE(message.find(part), std::string::npos) << "SARIF message: " << message;
        EXPECT_NE(annotation->find(part), std::string::npos) << "annotation: " << *annotation;
      }
    }
  }
}

// A 0 where a line number goes: `"line": 0`, `"startLine": 0`, `line=0`, `file.cpp:0`.
bool has_line_zero(const json& value) {
  if (value.is_object()) {
    for (const auto& [key, member] : value.items()) {
      if ((key == "line" || key == "startLine") && member == 0) return true;
      if (has_line_zero(member)) return true;
    }
  }
  if (value.is_array()) {
    return std::any_of(value.begin(), value.end(),
                       [](const json& item) { return has_line_zero(item); });
  }
  return false;
}

bool has_line_zero(const std::string& text) {
  static const std::regex zero{R"((\.(cpp|hpp|h|cc|c):0\b)|(,line=0\b))"};
  return std::regex_search(text, zero);
}

TEST_P(fixture_logs, no_format_prints_line_zero) {
  const std::string compiler = GetParam();
  const locator source{source_root(compiler)};
  for (const auto& entry : std::filesystem::directory_iterator{fixtures + "/" + compiler}) {
    if (entry.path().extension() != ".log") continue;
    SCOPED_TRACE(entry.path().string());
    const auto findings =
        deduplicate(reports_of(compiler, {entry.path().filename().string()}), source);
    EXPECT_FALSE(has_line_zero(json::parse(render_json(findings))));
    EXPECT_FALSE(has_line_zero(json::parse(render_sarif(findings, {source.root()}))));
    EXPECT_FALSE(has_line_zero(render_text(findings))) << render_text(findings);
    EXPECT_FALSE(has_line_zero(render_github(findings))) << render_github(findings);
    EXPECT_FALSE(has_line_zero(render_markdown(findings))) << render_markdown(findings);
    for (const finding& found : findings) EXPECT_FALSE(has_line_zero(location_string(found)));
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
