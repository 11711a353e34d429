// The output formats of sanitizer-report and the one entry point that renders findings in any
// of them. Each format lives in its own render_<format>.cpp.
// Thread safety: pure functions. Complexity: O(size of the findings).
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model.hpp"

namespace safemap::sanitizer_report {

enum class output_format { text, json, github, sarif, markdown };

inline constexpr std::array<std::string_view, 5> format_names{"text", "json", "github", "sarif",
                                                              "markdown"};

std::optional<output_format> parse_format(std::string_view name);

// What renderers need beyond the findings.
struct render_context {
  std::string source_root;  // absolute, normalised: SARIF's %SRCROOT%
};

std::string render(output_format format, const std::vector<finding>& findings,
                   const render_context& context);

std::string render_text(const std::vector<finding>& findings);
std::string render_json(const std::vector<finding>& findings);
std::string render_github(const std::vector<finding>& findings);
std::string render_sarif(const std::vector<finding>& findings, const render_context& context);
std::string render_markdown(const std::vector<finding>& findings);

}  // namespace safemap::sanitizer_report
