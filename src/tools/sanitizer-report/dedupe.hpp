// Turns raw reports into findings: locates each report, then merges reports of the same
// sanitizer and kind whose located frames are the same. The located frames are the report's
// location plus the first project frame of every stack that is not a thread-creation stack
// (threads created at different places racing on the same lines are one bug). Findings keep
// the order in which their first report appeared; count says how many reports each merged.
// Thread safety: pure function. Complexity: O(total frames), one hash lookup per report.
#pragma once

#include <vector>

#include "locator.hpp"
#include "model.hpp"

namespace safemap::sanitizer_report {

std::vector<finding> deduplicate(std::vector<report> reports, const locator& source);

}  // namespace safemap::sanitizer_report
