// Turns raw reports into findings: locates each report, then merges reports of the same
// sanitizer and kind (the same in every run: no addresses or thread ids) whose located frames
// are the same. The located frames are the report's location plus, in every stack that is not a
// thread-creation stack (threads created at different places racing on the same lines are one
// bug), the project frames down to the first that has a line. A frame is compared by file and
// line, or by file and function where the runtime printed no line. Findings keep
// the order in which their first report appeared; count says how many reports each merged.
// Thread safety: pure function. Complexity: O(total frames), one hash lookup per report.
#pragma once

#include <vector>

#include "locator.hpp"
#include "model.hpp"

namespace safemap::sanitizer_report {

std::vector<finding> deduplicate(std::vector<report> reports, const locator& source);

}  // namespace safemap::sanitizer_report
