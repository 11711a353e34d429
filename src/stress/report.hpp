// Sanitizer-style reports for the harness's own detectors (SafemapWatchdog, SafemapInvariant), in
// the format sanitizer-report parses (REPORT_CONTRACT.md), so a hang or a lost update becomes a
// finding with a location exactly like a ThreadSanitizer data race does:
//
//   ==PID==ERROR: SafemapWatchdog: deadlock
//     no progress for 5 s; stacks of all threads follow
//     Thread 2 (LWP 4242) "safemap-stress-":
//       #0 0x00007f5d2c0a1b2c in __futex_abstimed_wait_common ./nptl/futex-internal.c:57
//   SUMMARY: SafemapWatchdog: deadlock
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "stress/oracle.hpp"
#include "stress/variant_info.hpp"

namespace safemap::stress {

struct frame {
  std::uint64_t address = 0;
  std::string function;  // without arguments
  std::string file;      // empty when the frame has no line information
  int line = 0;
  std::string module;    // shared object, when there is no file
};

struct stack {
  std::string title;  // e.g. `Thread 2 (LWP 4242) "worker":`
  std::vector<frame> frames;
};

struct report {
  std::string tool;  // one word: SafemapWatchdog, SafemapInvariant
  std::string kind;
  std::vector<std::string> messages;
  std::vector<stack> stacks;
};

std::string format_report(const report& finding);

// One violation of an invariant, located at the variant's declared line: the oracle knows that
// updates were lost, not which line lost them, so the variant's declaration says where to look.
report invariant_report(const violation& broken, const variant_info& variant);

}  // namespace safemap::stress
