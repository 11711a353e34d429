// markdown: a compact table for $GITHUB_STEP_SUMMARY.
#include "render.hpp"
#include "render_common.hpp"

namespace safemap::sanitizer_report {
namespace {

// Table cells hold code spans: a pipe must be escaped even there, a backtick cannot appear.
std::string code_cell(std::string_view text) {
  if (text.empty()) return "";
  std::string out = "`";
  for (char c : text) {
    if (c == '|') {
      out += "\\|";
    } else if (c == '`') {
      out += '\'';
    } else if (c != '\n' && c != '\r') {
      out += c;
    }
  }
  return out + '`';
}

}  // namespace

std::string render_markdown(const std::vector<finding>& findings) {
  std::string out = "### Sanitizer findings\n\n";
  if (findings.empty()) return out + "No sanitizer findings.\n";
  out += "| Sanitizer | Kind | Location | Function | Count |\n";
  out += "|---|---|---|---|---:|\n";
  for (const finding& found : findings) {
    out += "| " + code_cell(found.first.sanitizer) + " | " + code_cell(found.first.kind) + " | ";
    out += found.where ? code_cell(position(*found.where)) : std::string{"outside the source root"};
    out += " | " + (found.where ? code_cell(found.where->function) : std::string{}) + " | " +
           std::to_string(found.count) + " |\n";
  }
  return out;
}

}  // namespace safemap::sanitizer_report
