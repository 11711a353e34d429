// The vocabulary of sanitizer-report: what a raw report holds once parsed, and the finding it
// becomes once located and deduplicated. Plain values; no behaviour beyond small queries.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace safemap::sanitizer_report {

// One line of a stack trace: `#3 0x55d3 in func(args) /path/file.cpp:12:5` or the TSan form
// `#3 func(args) /path/file.cpp:12:5 (exe+0x1234)`. Missing parts are empty / 0: line 0 means
// the runtime printed no line (clang does so for inlined or merged code at -O1), never a line.
struct frame {
  int index = 0;
  std::string function;  // empty when the runtime printed <null>
  std::string file;      // as printed; empty when unknown
  int line = 0;
  int column = 0;
  std::string module;  // `libstdc++.so.6+0xd44a2` when printed
  // Set by the locator: the file relative to the source root, when the frame is project code.
  std::optional<std::string> project_file;
};

// A titled run of frames, e.g. `Previous write of size 4 at 0x... by thread T1:`.
struct stack {
  std::string title;  // the introducing line without its trailing ':'; may be empty
  std::vector<frame> frames;
};

// One raw report, as printed by a sanitizer runtime or by the stress harness.
struct report {
  std::string sanitizer;  // ThreadSanitizer, AddressSanitizer, ..., SafemapWatchdog
  std::string kind;       // normalised, the same in every run: "data race", "store to null pointer"
  std::string error_class;  // UBSan: the check's class beside its kind ("null pointer use")
  std::string header;       // the text after `<Name>: ` as printed
  std::vector<std::string> messages;  // non-stack lines inside the report
  std::vector<stack> stacks;
  std::string summary;            // the text after `SUMMARY: <Name>: `, when printed
  bool truncated = false;         // input ended (or a new report began) before its SUMMARY line
  std::string log;                // the log it came from ("-" for stdin)
  std::size_t log_line = 0;       // 1-based line of its header in that log
  std::optional<frame> position;  // UBSan: the file:line:col its runtime error line names
};

// Where a finding points: the first project frame with a line (see locator.hpp).
struct location {
  std::string file;  // relative to the source root
  int line = 0;      // 0: no project frame of its stack has a line; the function locates it
  int column = 0;
  std::string function;
  int frame_index = 0;             // the `#N` of its frame
  std::vector<frame> passed_over;  // the project frames above it that have no line
};

// One located, deduplicated report: the first occurrence plus how often it was seen.
struct finding {
  report first;
  std::optional<location> where;  // empty when no frame lies in the source root
  std::size_t count = 1;
};

// `FILE:LINE FUNCTION` (`FILE FUNCTION` without a line), the string expect's --location regex is
// matched against; empty when the finding has no location.
std::string location_string(const finding& found);

// Frames of all stacks that lie in the project.
std::size_t project_frame_count(const finding& found);

}  // namespace safemap::sanitizer_report
