// text: one block per finding, for people reading a terminal or a ctest log.
#include "render.hpp"
#include "render_common.hpp"

namespace safemap::sanitizer_report {
namespace {

void append_finding(std::string& out, const finding& found) {
  out += headline(found);
  if (found.count > 1) out += " (" + std::to_string(found.count) + " reports)";
  out += '\n';
  if (found.where) {
    out += "  at " + position(*found.where) + " " + found.where->function + '\n';
    if (std::string note = location_note(*found.where); !note.empty()) out += "  (" + note + ")\n";
  } else {
    out += "  at <no frame inside the source root>\n";
  }
  for (const auto& [access, where] : accesses(found.first)) {
    out += "  " + describe(access);
    if (where) out += " at " + position(*where) + " " + where->function;
    out += '\n';
  }
  for (const std::string& message : found.first.messages) out += "  | " + message + '\n';
  for (const stack& trace : found.first.stacks) {
    out += "  " + (trace.title.empty() ? std::string{"stack"} : trace.title) + ":\n";
    bool any = false;
    for (const frame& entry : trace.frames) {
      if (!entry.project_file) continue;
      any = true;
      out += "    #" + std::to_string(entry.index) + " " + position(entry) + " " + entry.function +
             '\n';
    }
    if (!any) out += "    (no project frames)\n";
  }
  if (found.first.truncated) out += "  (truncated: the report has no SUMMARY line)\n";
  out += "  first seen: " + found.first.log + ":" + std::to_string(found.first.log_line) + '\n';
}

}  // namespace

std::string render_text(const std::vector<finding>& findings) {
  std::string out;
  std::size_t reports = 0;
  for (const finding& found : findings) {
    append_finding(out, found);
    out += '\n';
    reports += found.count;
  }
  out += std::to_string(findings.size()) + (findings.size() == 1 ? " finding" : " findings") +
         " from " + std::to_string(reports) + (reports == 1 ? " report" : " reports") + '\n';
  return out;
}

}  // namespace safemap::sanitizer_report
