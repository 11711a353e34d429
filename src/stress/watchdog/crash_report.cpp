#include "stress/watchdog/crash_report.hpp"

#include <cxxabi.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <iostream>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "stress/exit_code.hpp"
#include "stress/replay_line.hpp"
#include "stress/report.hpp"
#include "stress/signal_stack.hpp"
#include "stress/watchdog/stack_dump.hpp"

namespace safemap::stress {
namespace {

constexpr std::string_view reporter_flag = "--safemap-internal-crash-report";
// The thread whose crash is being reported (0: none yet). A second thread that crashes meanwhile
// waits for the first report; a fault inside the handler itself ends the process plainly.
std::atomic<long> reporting_thread{0};

#ifndef SAFEMAP_SANITIZER_OWNS_CRASHES
constexpr int fatal_signals[] = {SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT};

// What std::terminate was called for; written by the terminate handler just before abort().
char terminate_reason[1024] = "";

// Decimal text of `value` in `out`, with nothing but arithmetic (safe in a signal handler).
void write_decimal(long value, char (&out)[24]) {
  char reversed[24];
  std::size_t length = 0;
  do {
    reversed[length++] = static_cast<char>('0' + value % 10);
    value /= 10;
  } while (value > 0 && length < sizeof reversed - 1);
  for (std::size_t i = 0; i < length; ++i) out[i] = reversed[length - 1 - i];
  out[length] = '\0';
}

void write_stderr(const char* text) {
  std::size_t left = std::strlen(text);
  while (left > 0) {
    const ssize_t written = ::write(STDERR_FILENO, text, left);
    if (written <= 0 && errno != EINTR) return;
    if (written > 0) {
      text += written;
      left -= static_cast<std::size_t>(written);
    }
  }
}

pid_t fork_in_signal_handler() {
#if defined(__GLIBC__) && __GLIBC_PREREQ(2, 34)
  return ::_Fork();  // fork without the atfork handlers: async-signal-safe
#else
  return ::fork();
#endif
}

void on_fatal_signal(int signal_number, siginfo_t*, void*) {
  const long self = ::syscall(SYS_gettid);
  long none = 0;
  if (!reporting_thread.compare_exchange_strong(none, self)) {
    if (none != self) {
      for (;;) ::pause();  // the first crash's report ends the process
    }
    std::signal(signal_number, SIG_DFL);  // the handler itself faulted
    std::raise(signal_number);
    return;
  }
  char pid_text[24], thread_text[24], signal_text[24];
  write_decimal(::getpid(), pid_text);
  write_decimal(self, thread_text);
  write_decimal(signal_number, signal_text);
  write_stderr("\n[safemap-stress] fatal signal ");
  write_stderr(signal_text);
  write_stderr(" in thread LWP ");
  write_stderr(thread_text);
  write_stderr("; collecting the stacks of all threads with gdb\n");

  const pid_t reporter = fork_in_signal_handler();
  if (reporter == 0) {
    const char* const arguments[] = {"safemap-crash-reporter",
                                     reporter_flag.data(),
                                     pid_text,
                                     thread_text,
                                     signal_text,
                                     terminate_reason,
                                     nullptr};
    ::execv("/proc/self/exe", const_cast<char* const*>(arguments));
    write_stderr("[safemap-stress] cannot start the crash reporter\n");
    ::_exit(127);
  }
  if (reporter > 0) {
    int status = 0;
    while (::waitpid(reporter, &status, 0) < 0 && errno == EINTR) {
    }
  }
  print_replay_line();
  write_result_at_death();
  // The default action again (not SA_RESETHAND: that would let a second crashing thread kill
  // the process mid-report); the signal raised now, delivered when the handler returns, ends
  // the process as it would have ended without the report.
  std::signal(signal_number, SIG_DFL);
  std::raise(signal_number);
}

// Records why std::terminate was called (type and what() of the current exception, as
// libstdc++'s own handler prints them), then aborts into on_fatal_signal.
[[noreturn]] void on_terminate() {
  std::string reason = "std::terminate called without an active exception";
  if (const std::exception_ptr current = std::current_exception()) {
    std::string type = "an unknown type";
    if (const std::type_info* thrown = abi::__cxa_current_exception_type()) {
      int status = 0;
      char* readable = abi::__cxa_demangle(thrown->name(), nullptr, nullptr, &status);
      type = status == 0 && readable != nullptr ? readable : thrown->name();
      std::free(readable);
    }
    reason = "std::terminate called after throwing an instance of '" + type + "'";
    try {
      std::rethrow_exception(current);
    } catch (const std::exception& error) {
      reason += ": what(): " + std::string{error.what()};
    } catch (...) {  // NOLINT(bugprone-empty-catch): not a std::exception: its type is all there is
    }
  }
  std::strncpy(terminate_reason, reason.c_str(), sizeof terminate_reason - 1);
  std::abort();
}

#endif  // SAFEMAP_SANITIZER_OWNS_CRASHES

std::string kind_of(int signal_number, std::string_view reason) {
  switch (signal_number) {
    case SIGSEGV: return "segmentation fault";
    case SIGBUS: return "bus error";
    case SIGFPE: return "floating-point exception";
    case SIGILL: return "illegal instruction";
    case SIGABRT:
      if (reason.find("after throwing") != std::string_view::npos) return "uncaught exception";
      return reason.empty() ? "abort" : "std::terminate";
    default: return "signal " + std::to_string(signal_number);
  }
}

// gdb's text without the frames of our handler (the wait for this reporter or for another
// thread's report, the handler, "<signal handler called>"): the stack of each thread that
// crashed starts at its faulting frame.
std::string from_the_fault(const std::string& gdb_text) {
  std::istringstream lines{gdb_text};
  std::ostringstream kept;
  std::vector<std::string> thread_frames;  // the current thread's, until we know where it starts
  const auto flush = [&] {
    for (const auto& each : thread_frames) kept << each << '\n';
    thread_frames.clear();
  };
  std::string line;
  while (std::getline(lines, line)) {
    if (line.starts_with("Thread ")) {
      flush();
      kept << line << '\n';
    } else if (line.find("<signal handler called>") != std::string::npos) {
      thread_frames.clear();
    } else {
      thread_frames.push_back(line);
    }
  }
  flush();
  return kept.str();
}

int report_crash(long pid, long thread, int signal_number, std::string_view reason) {
  const auto dump = capture_all_thread_backtraces(static_cast<int>(pid), 60);
  auto threads = parse_gdb_backtraces(from_the_fault(dump.text));
  if (const auto crashed = std::ranges::find(threads, thread, &thread_stack::lwp);
      crashed != threads.end()) {
    std::rotate(threads.begin(), crashed, crashed + 1);  // first; the others in gdb's order
  }

  const char* name = sigabbrev_np(signal_number);
  report finding{
      .tool = "SafemapCrash", .kind = kind_of(signal_number, reason), .messages = {}, .stacks = {}};
  finding.messages.push_back(
      "signal " + std::to_string(signal_number) + " (SIG" + (name != nullptr ? name : "?") +
      ") in thread LWP " + std::to_string(thread) +
      (threads.empty() ? "; no stacks: " + dump.failure
                       : "; stacks of all threads follow (crashing thread first)"));
  if (!reason.empty()) finding.messages.emplace_back(reason);
  for (auto& each : threads) finding.stacks.push_back(as_report_stack(each));
  std::cerr << format_report(finding, static_cast<int>(pid)) << std::flush;
  return exit_ok;
}

}  // namespace

void install_crash_report() {
#ifndef SAFEMAP_SANITIZER_OWNS_CRASHES
  static const bool installed = [] {
    static const alternate_signal_stack calling_thread_stack;  // the coordinator's
    allow_debugger_attach();
    std::set_terminate(on_terminate);
    struct sigaction action{};
    action.sa_sigaction = on_fatal_signal;
    action.sa_flags = SA_SIGINFO | SA_ONSTACK;
    sigemptyset(&action.sa_mask);
    for (int each : fatal_signals) ::sigaction(each, &action, nullptr);
    return true;
  }();
  (void)installed;
#endif
}

bool crash_report_in_progress() { return reporting_thread.load() != 0; }

std::optional<int> run_crash_reporter(int argc, const char* const* argv) {
  if (argc < 2 || argv[1] != reporter_flag) return std::nullopt;
  const auto number = [](const char* text) { return std::strtol(text, nullptr, 10); };
  if (argc != 6 || number(argv[2]) <= 0 || number(argv[3]) <= 0 || number(argv[4]) <= 0) {
    std::cerr << argv[0] << ": " << reporter_flag
              << " takes PID THREAD SIGNAL REASON (the stress driver's crash handler runs it)\n";
    return exit_bad_usage;
  }
  return report_crash(number(argv[2]), number(argv[3]), static_cast<int>(number(argv[4])), argv[5]);
}

}  // namespace safemap::stress
