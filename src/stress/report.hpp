// Sanitizer-style reports for the harness's own detectors and the differential fuzzers (tools:
// report::tool), in the form sanitizer-report parses
// (docs/architecture.md, "The report form"), so a hang or a lost update becomes a finding located
// like a TSan data race:
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

namespace safemap::stress {

struct frame {
  std::uint64_t address = 0;
  std::string function;  // without arguments
  std::string file;      // empty when the frame has no line information
  int line = 0;
  std::string module;  // shared object, when there is no file
};

struct stack {
  std::string title;  // e.g. `Thread 2 (LWP 4242) "worker":`
  std::vector<frame> frames;
};

struct report {
  std::string tool;  // one word: SafemapWatchdog, SafemapCrash, SafemapInvariant,
                     // SafemapLinearizability, SafemapDifferential
  std::string kind;
  std::vector<std::string> messages;
  std::vector<stack> stacks;
};

std::string format_report(const report& finding);
// The same, headed with another process's id: the crash reporter speaks for its crashed parent.
std::string format_report(const report& finding, int pid);

}  // namespace safemap::stress
