// Recognises one stack-frame line in any of the forms the sanitizer runtimes (and gdb-style
// watchdog dumps) print:
//   `#0 0x55d3c0a1b2c3 in func(args) /path/file.cpp:12:5`       ASan / LSan / UBSan
//   `#0 func(args) /path/file.cpp:12:5 (exe+0x1234)`            TSan
//   `#1 <null> <null> (libstdc++.so.6+0xd44a2)`                 unsymbolised
//   `#2 0x7f... in _start (/path/exe+0x53e0) (BuildId: ab12)`   module only
// Thread safety: pure function. Complexity: O(length of the line), no allocation beyond the
// returned strings.
#pragma once

#include <optional>
#include <string_view>

#include "model.hpp"

namespace safemap::sanitizer_report {

// The frame on this line, or nothing when the line is not a frame line.
std::optional<frame> parse_frame_line(std::string_view line);

}  // namespace safemap::sanitizer_report
