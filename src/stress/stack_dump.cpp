#include "stress/stack_dump.hpp"

#include <sys/prctl.h>
#include <unistd.h>

#include <cmath>
#include <cstdio>
#include <regex>
#include <sstream>

namespace safemap::stress {

void allow_debugger_attach() {
#ifdef PR_SET_PTRACER
  // Fails with EINVAL where Yama is absent, which already allows it: nothing to do then.
  (void)::prctl(PR_SET_PTRACER, PR_SET_PTRACER_ANY, 0, 0, 0);
#endif
}

backtrace_output capture_all_thread_backtraces(double timeout_s) {
  // Arguments are left out: they are long, and a frame's function and line are what matter.
  const std::string command =
      "timeout " + std::to_string(static_cast<int>(std::ceil(timeout_s))) +
      " gdb -nx -batch -p " + std::to_string(::getpid()) +
      " -ex 'set print frame-arguments none' -ex 'set print entry-values no'"
      " -ex 'thread apply all bt' 2>/dev/null";
  FILE* pipe = ::popen(command.c_str(), "r");
  if (pipe == nullptr) return {.text = {}, .failure = "cannot start gdb"};
  std::string text;
  char buffer[4096];
  while (std::size_t read = std::fread(buffer, 1, sizeof buffer, pipe)) text.append(buffer, read);
  const int status = ::pclose(pipe);
  if (text.find("\nThread ") == std::string::npos && text.rfind("Thread ", 0) != 0) {
    return {.text = std::move(text),
            .failure = "gdb printed no stacks (exit status " + std::to_string(status) +
                       "; is gdb installed, and may it attach? see /proc/sys/kernel/yama/ptrace_scope)"};
  }
  return {.text = std::move(text), .failure = {}};
}

std::vector<thread_stack> parse_gdb_backtraces(std::string_view gdb_output) {
  // Thread 2 (Thread 0x7f5d2b7fe640 (LWP 4242) "safemap-stress-"):
  static const std::regex thread_line{R"(^Thread (\d+) \(.*\(LWP (\d+)\)(?: \"([^\"]*)\")?\):?\s*$)"};
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
      threads.push_back({.number = std::stoi(match[1]), .lwp = std::stoi(match[2]),
                         .name = match[3], .frames = {}});
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

}  // namespace safemap::stress
