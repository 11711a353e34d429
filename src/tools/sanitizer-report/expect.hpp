// The assertion behind `sanitizer-report expect`: does the set of findings contain the expected
// one (or, for --none, nothing at all)?
// Thread safety: pure function. Exception safety: throws std::regex_error for a bad pattern.
// Complexity: O(findings x location length).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "command.hpp"
#include "model.hpp"

namespace safemap::sanitizer_report {

struct expectation {
  std::optional<std::string> kind;  // the kind, or a UBSan class; nothing: no finding (--none)
  std::string location_pattern;     // ECMAScript regex searched in `FILE:LINE FUNCTION`
  std::size_t min_count = 1;
  std::size_t min_project_frames = 1;
};

struct verdict {
  bool met = false;
  std::string explanation;  // one line: what matched, or what is missing and why
};

verdict check(const expectation& expected, const std::vector<finding>& findings,
              const command_outcome& outcome);

}  // namespace safemap::sanitizer_report
