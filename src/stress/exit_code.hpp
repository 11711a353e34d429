// The exit codes every safemap tool shares; docs/architecture.md renders them as a table, and
// the docs.facts test fails when the two disagree. Sanitizer exit codes (TSan 66 in our presets)
// pass through unchanged: the sanitizer ends the process itself.
#pragma once

namespace safemap::stress {

enum exit_code : int {
  exit_ok = 0,
  exit_expectation_not_met = 1,
  exit_bad_usage = 2,
  exit_invariant_violated = 3,
  exit_no_progress = 4,
  exit_not_linearizable = 5,
};

}  // namespace safemap::stress
