// Decides which frames are project code and where a report points.
// A frame is project code when its file, lexically normalised (no file system access, so logs
// from another machine or checkout work), lies under the source root and is not the standard
// library, a system header, sanitizer runtime or interceptor code, or GoogleTest (paths with
// /googletest/ or /_deps/). A report's location is the first project frame of its first stack
// that has one. The source root may be any path prefix as printed in the log: pass the
// directory the logged binaries were built from when it differs from this checkout.
// Library directories (e.g. src/safemap) are project code that the report should point past:
// a race inside checked_map's table is the caller's bug, so the location is the first project
// frame outside them in any stack, and only when a report has no such frame, the first project
// frame inside them.
// Thread safety: const after construction. Complexity: O(frames x path length).
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model.hpp"

namespace safemap::sanitizer_report {

class locator {
 public:
  // library_directories: relative to the source root (or absolute, under it).
  explicit locator(const std::filesystem::path& source_root,
                   const std::vector<std::filesystem::path>& library_directories = {});

  // The file relative to the source root when the frame is project code.
  std::optional<std::string> project_file(const frame& entry) const;

  // Sets project_file on every frame of the report.
  void mark_project_frames(report& raw) const;

  // Where the report points (call mark_project_frames first): the first project frame outside
  // the library directories, else the first project frame; stacks in the report's order.
  std::optional<location> locate(const report& marked) const;

  const std::string& root() const { return root_; }

 private:
  bool in_library(const std::string& project_file) const;

  std::string root_;                    // normalised, no trailing slash
  std::vector<std::string> libraries_;  // relative to root_, each ending in '/'
};

// The directory the default source root is: the git top level of `start` (the nearest
// ancestor holding .git), else `start` itself.
std::filesystem::path default_source_root(const std::filesystem::path& start);

}  // namespace safemap::sanitizer_report
