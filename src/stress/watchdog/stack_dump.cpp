#include "stress/watchdog/stack_dump.hpp"

#include <sys/prctl.h>
#include <unistd.h>

#include <cmath>
#include <cstdlib>
#include <fstream>
#include <regex>
#include <sstream>
#include <utility>

namespace safemap::stress {

void allow_debugger_attach() {
#ifdef PR_SET_PTRACER
  // Fails with EINVAL where Yama is absent, which already allows it: nothing to do then.
  (void)::prctl(PR_SET_PTRACER, PR_SET_PTRACER_ANY, 0, 0, 0);
#endif
}

backtrace_output capture_all_thread_backtraces(int pid, double timeout_s) {
  // gdb writes to a file, not a pipe: it stops every thread of this process, the reader of a
  // pipe included, and would block for good once the pipe is full (many threads, long names).
  char path[] = "/tmp/safemap-stress-stacks-XXXXXX";
  const int file = ::mkstemp(path);
  if (file < 0) return {.text = {}, .failure = "cannot create a file for gdb's output in /tmp"};
  ::close(file);
  // Arguments are left out: they are long, and a frame's function and line are what matter.
  // `timeout -k` also ends a gdb that ignores the polite signal.
  const std::string command =
      "timeout -k 5 " + std::to_string(static_cast<int>(std::ceil(timeout_s))) +
      " gdb -nx -batch -p " + std::to_string(pid) +
      " -ex 'set print frame-arguments none' -ex 'set print entry-values no'"
      " -ex 'thread apply all bt' >" +
      path + " 2>/dev/null";
  // system() is not thread-safe against another thread's system() or setenv(): the harness calls
  // neither elsewhere, and this runs once, from the watchdog or a crash reporter.
  // NOLINTNEXTLINE(concurrency-mt-unsafe)
  const int status = std::system(command.c_str());
  std::ostringstream contents;
  if (std::ifstream in{path}; in) contents << in.rdbuf();
  std::string text = std::move(contents).str();
  ::unlink(path);
  if (text.find("\nThread ") == std::string::npos && text.rfind("Thread ", 0) != 0) {
    return {.text = std::move(text),
            .failure =
                "gdb printed no stacks (exit status " + std::to_string(status) +
                "; is gdb installed, and may it attach? see /proc/sys/kernel/yama/ptrace_scope)"};
  }
  return {.text = std::move(text), .failure = {}};
}

std::vector<thread_stack> parse_gdb_backtraces(std::string_view gdb_output) {
  // Thread 2 (Thread 0x7f5d2b7fe640 (LWP 4242) "safemap-stress-"):
  static const std::regex thread_line{
      R"(^Thread (\d+) \(.*\(LWP (\d+)\)(?: \"([^\"]*)\")?\):?\s*$)"};
  // With `set print frame-arguments none` gdb prints every argument as name=...:
  // #8  0x000055c2031821b0 in ns::map<K>::insert_or_assign (this=..., key=...) at /p/map.hpp:55
  // #0  futex_wait (private=..., futex_word=...) at ../sysdeps/nptl/futex-internal.h:146
  // #13 0x00007f3917ed44a3 in ?? () from /lib/x86_64-linux-gnu/libstdc++.so.6
  static const std::regex frame_line{
      R"(^#\d+\s+(?:(0x[0-9a-fA-F]+) in )?(.+?) \((?:[\w$]+=\.\.\.(?:, )?)*\)(?: at (.+):(\d+)| from (.+))?\s*$)"};

  std::vector<thread_stack> threads;
  std::istringstream lines{std::string{gdb_output}};
  std::string line;
  std::smatch match;
  while (std::getline(lines, line)) {
    if (std::regex_match(line, match, thread_line)) {
      threads.push_back({.number = std::stoi(match[1]),
                         .lwp = std::stoi(match[2]),
                         .name = match[3],
                         .frames = {}});
    } else if (!threads.empty() && std::regex_match(line, match, frame_line)) {
      threads.back().frames.push_back({
          .address = match[1].matched ? std::stoull(match[1], nullptr, 16) : 0,
          .function = match[2],
          .file = match[3],
          .line = match[4].matched ? std::stoi(match[4]) : 0,
          .module = match[5],
      });
    }
  }
  return threads;
}

stack as_report_stack(thread_stack& thread) {
  return {.title = "Thread " + std::to_string(thread.number) + " (LWP " +
                   std::to_string(thread.lwp) + ") \"" + thread.name + "\":",
          .frames = std::move(thread.frames)};
}

}  // namespace safemap::stress
