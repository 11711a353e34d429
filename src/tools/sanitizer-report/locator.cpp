#include "locator.hpp"

#include <algorithm>
#include <array>
#include <iterator>
#include <system_error>

#include "text_util.hpp"

namespace safemap::sanitizer_report {
namespace {

std::string normalise(const std::filesystem::path& path) {
  std::string text = path.lexically_normal().generic_string();
  while (text.size() > 1 && text.ends_with('/')) text.pop_back();
  return text;
}

// Code that is never the project's own, wherever the source root is.
bool is_foreign_path(std::string_view file) {
  constexpr std::array<std::string_view, 9> foreign{
      "/usr/include/", "/usr/lib/",    "/usr/local/include/", "/include/c++/", "/libsanitizer/",
      "/compiler-rt/", "/googletest/", "/googlemock/",        "/_deps/"};
  for (std::string_view part : foreign) {
    if (contains(file, part)) return true;
  }
  return false;
}

bool is_sanitizer_function(std::string_view function) {
  constexpr std::array<std::string_view, 7> prefixes{
      "__tsan", "__asan", "__lsan", "__ubsan", "__sanitizer", "__interceptor_", "__msan"};
  for (std::string_view prefix : prefixes) {
    if (function.starts_with(prefix)) return true;
  }
  return false;
}

// The same file as printed twice: identical, or one a relative path the other ends with (UBSan
// prints the path as compiled, the symbolizer an absolute one).
bool same_file(std::string_view first, std::string_view second) {
  if (first.size() < second.size()) std::swap(first, second);
  return !second.empty() && first.ends_with(second) &&
         (first.size() == second.size() || first[first.size() - second.size() - 1] == '/');
}

// From the first frame `allowed` accepts: the first of them that has a line, else that first.
template <typename Allowed>
std::vector<frame>::const_iterator first_with_line(const stack& trace, Allowed allowed) {
  const auto first = std::find_if(trace.frames.begin(), trace.frames.end(), allowed);
  const auto lined = std::find_if(first, trace.frames.end(), [&](const frame& entry) {
    return allowed(entry) && entry.line > 0;
  });
  return lined == trace.frames.end() ? first : lined;
}

}  // namespace

locator::locator(const std::filesystem::path& source_root,
                 const std::vector<std::filesystem::path>& library_directories)
    : root_{normalise(source_root)} {
  for (const auto& directory : library_directories) {
    std::string relative = normalise(directory);
    if (directory.is_absolute()) relative = normalise(directory.lexically_relative(root_));
    libraries_.push_back(relative + '/');
  }
}

bool locator::in_library(const std::string& project_file) const {
  for (const std::string& library : libraries_) {
    if (project_file.starts_with(library)) return true;
  }
  return false;
}

std::optional<std::string> locator::project_file(const frame& entry) const {
  if (entry.file.empty() || entry.file.front() != '/') return std::nullopt;
  if (is_sanitizer_function(entry.function)) return std::nullopt;
  const std::string file = normalise(entry.file);
  if (is_foreign_path(file)) return std::nullopt;
  if (root_ == "/") return file.substr(1);
  if (file.size() <= root_.size() + 1 || !file.starts_with(root_) || file[root_.size()] != '/')
    return std::nullopt;
  return file.substr(root_.size() + 1);
}

void locator::mark_project_frames(report& raw) const {
  for (stack& trace : raw.stacks) {
    for (frame& entry : trace.frames) entry.project_file = project_file(entry);
  }
}

std::optional<location> locator::locate_in(const std::vector<stack>& stacks,
                                           bool library_allowed) const {
  const auto allowed = [&](const frame& entry) {
    return entry.project_file && (library_allowed || !in_library(*entry.project_file));
  };
  for (const stack& trace : stacks) {
    const auto chosen = first_with_line(trace, allowed);
    if (chosen == trace.frames.end()) continue;
    location where{*chosen->project_file, chosen->line,  chosen->column,
                   chosen->function,      chosen->index, {}};
    const auto first = std::find_if(trace.frames.begin(), chosen, allowed);
    std::copy_if(first, chosen, std::back_inserter(where.passed_over), allowed);
    return where;
  }
  return std::nullopt;
}

std::optional<location> locator::locate(const report& marked) const {
  const std::vector<stack>* stacks = &marked.stacks;
  std::vector<stack> at_runtime_error;
  if (marked.position && !marked.stacks.empty() && !marked.stacks[0].frames.empty() &&
      same_file(marked.stacks[0].frames[0].file, marked.position->file)) {
    at_runtime_error = marked.stacks;
    at_runtime_error[0].frames[0].line = marked.position->line;
    at_runtime_error[0].frames[0].column = marked.position->column;
    stacks = &at_runtime_error;
  }
  if (auto outside = locate_in(*stacks, false)) return outside;
  return locate_in(*stacks, true);
}

const frame* located_frame(const stack& trace) {
  const auto chosen =
      first_with_line(trace, [](const frame& entry) { return entry.project_file.has_value(); });
  return chosen == trace.frames.end() ? nullptr : &*chosen;
}

std::filesystem::path default_source_root(const std::filesystem::path& start) {
  std::error_code error;
  for (auto directory = start; !directory.empty(); directory = directory.parent_path()) {
    if (std::filesystem::exists(directory / ".git", error)) return directory;
    if (directory == directory.parent_path()) break;
  }
  return start;
}

}  // namespace safemap::sanitizer_report
