#include "render_common.hpp"

namespace safemap::sanitizer_report {
namespace {

std::string position_of(const std::string& file, int line, int column) {
  std::string text = file;
  if (line > 0) text += ":" + std::to_string(line);
  if (line > 0 && column > 0) text += ":" + std::to_string(column);
  return text;
}

}  // namespace

std::string headline(const finding& found) {
  return found.first.sanitizer + ": " + found.first.kind;
}

std::string position(const frame& entry) {
  return position_of(entry.project_file.value_or(entry.file), entry.line, entry.column);
}

std::string position(const location& where) {
  return position_of(where.file, where.line, where.column);
}

std::vector<std::pair<memory_access, const frame*>> accesses(const report& raw) {
  std::vector<std::pair<memory_access, const frame*>> found;
  for (const stack& trace : raw.stacks) {
    if (auto access = parse_access(trace.title)) {
      found.emplace_back(std::move(*access), located_frame(trace));
    }
  }
  return found;
}

std::string location_note(const location& where) {
  if (where.line == 0) return "no project frame has a line";
  if (where.passed_over.empty()) return {};
  std::string skipped;
  for (std::size_t i = 0; i < where.passed_over.size(); ++i) {
    if (i > 0) skipped += i + 1 == where.passed_over.size() ? " and " : ", ";
    skipped +=
        "#" + std::to_string(where.passed_over[i].index) + " " + where.passed_over[i].function;
  }
  return "frame #" + std::to_string(where.frame_index) +
         ", the first project frame with a line: " + skipped +
         (where.passed_over.size() == 1 ? " has none" : " have none");
}

std::string header_detail(const report& raw) {
  const bool only_the_kind = raw.header == raw.kind || raw.header.starts_with(raw.kind + " (pid=");
  const bool a_message = !raw.messages.empty() && raw.header == raw.messages.front();
  if (only_the_kind || a_message) return {};
  // ASan's registers (` at pc 0x.. bp 0x.. sp 0x..`) say nothing a reader can use.
  return raw.header.substr(0, raw.header.find(" at pc 0x"));
}

std::vector<std::string> explanation(const finding& found) {
  std::string first = found.first.kind;
  if (found.where && !found.where->function.empty()) first += " in " + found.where->function;
  if (found.count > 1) first += " (" + std::to_string(found.count) + " reports)";
  std::vector<std::string> lines{first};
  if (found.where) {
    if (std::string note = location_note(*found.where); !note.empty())
      lines.push_back("(" + note + ")");
  }
  if (std::string detail = header_detail(found.first); !detail.empty()) lines.push_back(detail);
  for (const auto& [access, where] : accesses(found.first)) {
    std::string line = describe(access);
    if (where) line += " at " + position(*where) + " " + where->function;
    lines.push_back(std::move(line));
  }
  // The runtime's own lines: the UBSan message, the variable accessed, the racing global, the
  // lock cycle, the harness's "counter sum 1987, expected 2000".
  lines.insert(lines.end(), found.first.messages.begin(), found.first.messages.end());
  return lines;
}

}  // namespace safemap::sanitizer_report
