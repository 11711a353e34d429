// Finds the sanitizer reports in a log, among whatever else the program printed.
// A report starts at a header line
//   `==PID==ERROR: <Name>: <kind>`  or  `WARNING: <Name>: <kind> (pid=N)`
// (Name one word: ThreadSanitizer, AddressSanitizer, LeakSanitizer, SafemapWatchdog, ...) or at
// a UBSan line `file:line:col: runtime error: <message>`. It holds message lines and stacks (a
// title line followed by frame lines) and ends at its `SUMMARY: ` line; a UBSan runtime error
// (its position kept) ends with its frames (and optional SUMMARY), which may follow a `note:`
// line and the memory dump under it. A report that reaches the end of the input, or
// the next header, without its SUMMARY is returned with `truncated` set.
// Thread safety: pure function. Complexity: O(size of the log); no regular expressions.
#pragma once

#include <string_view>
#include <vector>

#include "model.hpp"

namespace safemap::sanitizer_report {

std::vector<report> parse_log(std::string_view text, std::string_view log_name);

}  // namespace safemap::sanitizer_report
