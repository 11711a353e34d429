// The exit codes every safemap tool shares, as data: each code's name, its one-line meaning and
// the C++ tools that return it. This is their one definition: the stress driver, the
// safemap-stress front door, safemap-explore and sanitizer-report include it and print their --help
// "Exit codes:" text from it (exit_codes_help); docs/architecture.md renders the table, and the
// docs.facts test fails when the two disagree. Sanitizer exit codes (TSan 66 in our presets) pass
// through unchanged: the sanitizer ends the process itself.
#pragma once

#include <array>
#include <cstddef>
#include <string>
#include <string_view>

namespace safemap::stress {

enum exit_code : int {
  exit_ok = 0,
  exit_expectation_not_met = 1,
  exit_bad_usage = 2,
  exit_invariant_violated = 3,
  exit_no_progress = 4,
  exit_not_linearizable = 5,
};

// The C++ tools, as the "returned by" column of docs/architecture.md names them.
enum exit_code_tools : unsigned {
  safemap_stress = 1U << 0U,    // the stress driver and its front door
  sanitizer_report = 1U << 1U,  // src/tools/sanitizer-report
  safemap_explore = 1U << 2U,   // src/tools/safemap-explore
  every_tool = safemap_stress | sanitizer_report | safemap_explore,
};

struct exit_code_entry {
  exit_code code;
  std::string_view name;     // the enumerator's name, as docs/architecture.md spells it
  std::string_view meaning;  // one line, for --help
  unsigned tools;            // exit_code_tools that return it
};

// One entry per enumerator, in order (docs.facts reads this table).
inline constexpr std::array exit_codes{
    exit_code_entry{exit_ok, "exit_ok", "ok", every_tool},
    exit_code_entry{exit_expectation_not_met, "exit_expectation_not_met",
                    "expectation not met, or a finding where none is allowed",
                    sanitizer_report | safemap_explore},
    exit_code_entry{exit_bad_usage, "exit_bad_usage", "bad usage or unreadable input", every_tool},
    exit_code_entry{exit_invariant_violated, "exit_invariant_violated", "invariant violated",
                    safemap_stress},
    exit_code_entry{exit_no_progress, "exit_no_progress", "no progress (deadlock or livelock)",
                    safemap_stress},
    exit_code_entry{exit_not_linearizable, "exit_not_linearizable", "not linearizable",
                    safemap_stress},
};

static_assert([] {
  for (std::size_t index = 0; index < exit_codes.size(); ++index) {
    if (static_cast<std::size_t>(exit_codes[index].code) != index) return false;
  }
  return true;
}());

// The note the stress driver and its front door print after their codes.
inline constexpr std::string_view sanitizer_codes_pass_through =
    "A sanitizer's exit code passes through (66 for TSan under the test presets).";

// "Exit codes:\n  0  ok\n  2  bad usage ...\n" for one tool: the codes it returns, then `note`
// (what passes through, for instance) on a line of its own when it is not empty.
inline std::string exit_codes_help(unsigned tool, std::string_view note = {}) {
  std::string text = "Exit codes:\n";
  for (const auto& entry : exit_codes) {
    if ((entry.tools & tool) == 0) continue;
    text += "  " + std::to_string(static_cast<int>(entry.code)) + "  ";
    text += entry.meaning;
    text += '\n';
  }
  if (!note.empty()) {
    text += note;
    text += '\n';
  }
  return text;
}

}  // namespace safemap::stress
