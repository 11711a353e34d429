// Pieces of a finding that several renderers print the same way.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "access.hpp"
#include "model.hpp"

namespace safemap::sanitizer_report {

// "ThreadSanitizer: data race".
std::string headline(const finding& found);

// "file:line[:column]", the file relative to the source root for project frames.
std::string position(const frame& entry);
std::string position(const location& where);

// The first project frame of a stack, or nullptr.
const frame* first_project_frame(const stack& trace);

// The memory accesses the report's stacks describe, each with its first project frame
// (nullptr when the stack has none): the two racing accesses of a data race.
std::vector<std::pair<memory_access, const frame*>> accesses(const report& raw);

// One paragraph for annotations: "data race in bump() (3 reports)", the report's first
// message, and one line per memory access.
std::vector<std::string> explanation(const finding& found);

}  // namespace safemap::sanitizer_report
