// Pieces of a finding that several renderers print the same way.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "access.hpp"
#include "locator.hpp"
#include "model.hpp"

namespace safemap::sanitizer_report {

// "ThreadSanitizer: data race".
std::string headline(const finding& found);

// "file:line[:column]", the file relative to the source root for project frames.
std::string position(const frame& entry);
std::string position(const location& where);

// The memory accesses the report's stacks describe, each with its located frame (see
// locator.hpp; nullptr when the stack has no project frame): the two racing accesses of a race.
std::vector<std::pair<memory_access, const frame*>> accesses(const report& raw);

// How the location was chosen, when it is not simply the first project frame: "no project frame
// has a line", or "frame #1, the first project frame with a line: #0 store_choice() has none";
// empty otherwise.
std::string location_note(const location& where);

// The header as printed, without ASan's registers, when it says more than the kind
// ("strcpy-param-overlap: memory ranges [..) and [..) overlap"); empty when it is the kind, with
// its pid, or the first message.
std::string header_detail(const report& raw);

// What happened, for annotations and SARIF messages: "data race in bump() (3 reports)", the
// location note, the header detail, one line per memory access, then the report's messages.
std::vector<std::string> explanation(const finding& found);

}  // namespace safemap::sanitizer_report
