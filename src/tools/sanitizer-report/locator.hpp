// Decides which frames are project code and where a report points.
// A frame is project code when its file, lexically normalised (no file system access, so logs
// from another machine or checkout work), lies under the source root and is not the standard
// library, a system header, sanitizer runtime or interceptor code, or GoogleTest (paths with
// /googletest/ or /_deps/). A report's location is in the first stack that has a project frame:
// its first project frame that has a line, passing over the project frames above it that have
// none (clang prints inlined or merged code at -O1 with a file and no line); when no project
// frame of that stack has a line, its first project frame, located by file and function alone.
// A UBSan report's top frame is at its runtime error line and column when both name the same
// file: that line is where the check failed. The source root may be any path prefix as printed
// in the log: pass the directory the logged binaries were built from when it differs from this
// checkout.
// Library directories (e.g. src/safemap) are project code that the report should point past:
// a race inside checked_map's table is the caller's bug, so the location is chosen among the
// project frames outside them in any stack, and only when a report has no such frame, among the
// project frames inside them.
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

  // Where the report points (call mark_project_frames first), as described above.
  std::optional<location> locate(const report& marked) const;

  const std::string& root() const { return root_; }

 private:
  bool in_library(const std::string& project_file) const;
  std::optional<location> locate_in(const std::vector<stack>& stacks, bool library_allowed) const;

  std::string root_;                    // normalised, no trailing slash
  std::vector<std::string> libraries_;  // relative to root_, each ending in '/'
};

// A stack's located frame: its first project frame that has a line, else its first project frame;
// nullptr when it has none (call mark_project_frames first).
const frame* located_frame(const stack& trace);

// The directory the default source root is: the git top level of `start` (the nearest
// ancestor holding .git), else `start` itself.
std::filesystem::path default_source_root(const std::filesystem::path& start);

}  // namespace safemap::sanitizer_report
