#include "locator.hpp"

#include <array>
#include <system_error>

namespace safemap::sanitizer_report {
namespace {

std::string normalise(const std::filesystem::path& path) {
  std::string text = path.lexically_normal().generic_string();
  while (text.size() > 1 && text.ends_with('/')) text.pop_back();
  return text;
}

bool contains(std::string_view text, std::string_view part) {
  return text.find(part) != std::string_view::npos;
}

// Code that is never the project's own, wherever the source root is.
bool is_foreign_path(std::string_view file) {
  constexpr std::array<std::string_view, 9> foreign{
      "/usr/include/", "/usr/lib/",     "/usr/local/include/", "/include/c++/", "/libsanitizer/",
      "/compiler-rt/", "/googletest/", "/googlemock/",        "/_deps/"};
  for (std::string_view part : foreign) {
    if (contains(file, part)) return true;
  }
  return false;
}

bool is_sanitizer_function(std::string_view function) {
  constexpr std::array<std::string_view, 7> prefixes{"__tsan", "__asan", "__lsan", "__ubsan",
                                                     "__sanitizer", "__interceptor_",
                                                     "__msan"};
  for (std::string_view prefix : prefixes) {
    if (function.starts_with(prefix)) return true;
  }
  return false;
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

std::optional<location> locator::locate(const report& marked) const {
  // The first project frame, in the report's stack order, that is (or may be) in a library.
  const auto first_project_frame = [&](bool library_allowed) -> const frame* {
    for (const stack& trace : marked.stacks) {
      for (const frame& entry : trace.frames) {
        if (entry.project_file && (library_allowed || !in_library(*entry.project_file))) {
          return &entry;
        }
      }
    }
    return nullptr;
  };
  const frame* chosen = first_project_frame(false);
  if (!chosen) chosen = first_project_frame(true);
  if (!chosen) return std::nullopt;
  return location{*chosen->project_file, chosen->line, chosen->column, chosen->function};
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
