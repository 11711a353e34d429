// Stacks of every thread of this process, with function and file:line, for the watchdog.
// gdb attaches in batch mode (`thread apply all bt`); its output is turned into the frames of a
// sanitizer-style report. Without gdb (or when the kernel forbids attaching) there are no
// stacks, and the report says why instead.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "stress/report.hpp"

namespace safemap::stress {

struct thread_stack {
  int number = 0;  // gdb's thread number
  int lwp = 0;     // kernel thread id
  std::string name;
  std::vector<frame> frames;
};

// Lets a debugger that is not our parent attach (Yama ptrace_scope=1); harmless elsewhere.
void allow_debugger_attach();

// gdb's `thread apply all bt` output for process `pid` (this process or a crashed parent), or an
// explanation of why there is none.
struct backtrace_output {
  std::string text;
  std::string failure;  // empty on success
};
backtrace_output capture_all_thread_backtraces(int pid, double timeout_s);

std::vector<thread_stack> parse_gdb_backtraces(std::string_view gdb_output);

// One thread's stack as a report's stack, titled `Thread N (LWP N) "name":`; moves its frames.
stack as_report_stack(thread_stack& thread);

}  // namespace safemap::stress
