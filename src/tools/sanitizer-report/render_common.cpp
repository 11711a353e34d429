#include "render_common.hpp"

#include <algorithm>

namespace safemap::sanitizer_report {
namespace {

std::string position_of(const std::string& file, int line, int column) {
  std::string text = file;
  if (line > 0) text += ":" + std::to_string(line);
  if (line > 0 && column > 0) text += ":" + std::to_string(column);
  return text;
}

}  // namespace

std::string headline(const finding& found) { return found.first.sanitizer + ": " + found.first.kind; }

std::string position(const frame& entry) {
  return position_of(entry.project_file.value_or(entry.file), entry.line, entry.column);
}

std::string position(const location& where) {
  return position_of(where.file, where.line, where.column);
}

const frame* first_project_frame(const stack& trace) {
  const auto found = std::find_if(trace.frames.begin(), trace.frames.end(),
                                  [](const frame& entry) { return entry.project_file.has_value(); });
  return found == trace.frames.end() ? nullptr : &*found;
}

std::vector<std::pair<memory_access, const frame*>> accesses(const report& raw) {
  std::vector<std::pair<memory_access, const frame*>> found;
  for (const stack& trace : raw.stacks) {
    if (auto access = parse_access(trace.title)) {
      found.emplace_back(std::move(*access), first_project_frame(trace));
    }
  }
  return found;
}

std::vector<std::string> explanation(const finding& found) {
  std::string first = found.first.kind;
  if (found.where && !found.where->function.empty()) first += " in " + found.where->function;
  if (found.count > 1) first += " (" + std::to_string(found.count) + " reports)";
  std::vector<std::string> lines{first};
  // The runtime's first note: the UBSan message, the racing variable, the lock cycle, the
  // harness's "counter sum 1987, expected 2000".
  if (!found.first.messages.empty()) lines.push_back(found.first.messages.front());
  for (const auto& [access, where] : accesses(found.first)) {
    std::string line = describe(access);
    if (where) line += " at " + position(*where) + " " + where->function;
    lines.push_back(std::move(line));
  }
  return lines;
}

}  // namespace safemap::sanitizer_report
