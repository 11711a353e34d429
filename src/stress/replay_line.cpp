#include "stress/replay_line.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <csignal>
#include <cstring>

// Sanitizer runtimes call this back just before they end the process on a report; absent
// (null) in builds without a sanitizer.
// NOLINTNEXTLINE(bugprone-reserved-identifier): the sanitizer runtimes' own interface name.
extern "C" void __sanitizer_set_death_callback(void (*callback)()) __attribute__((weak));

namespace safemap::stress {
namespace {

constexpr std::string_view prefix = "[safemap-stress] replay: ";
char line[2048];
std::size_t line_length = 0;
bool death_callback_registered = false;
char result_path[4096];
char result_text[16384];
std::size_t result_length = 0;

void print_at_death() {
  print_replay_line();
  write_result_at_death();
}

// The signals that end a program that crashed, failed an assert() or called std::abort.
constexpr int fatal_signals[] = {SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT};

void print_and_die(int signal_number) {
  print_at_death();
  std::signal(signal_number, SIG_DFL);
  std::raise(signal_number);  // delivered as the handler returns: the death it would have died
}

// Without a sanitizer runtime, a crash in an in-process exploration (explore(), gtest.hpp) would
// end the process with nothing said of its schedule: where nobody handles a fatal signal yet
// (the map driver's crash report does, watchdog/crash_report.hpp), the line is printed first.
void register_death_callback() {
  if (death_callback_registered) return;
  death_callback_registered = true;
  if (__sanitizer_set_death_callback != nullptr) {
    __sanitizer_set_death_callback(print_at_death);
    return;
  }
  for (const int signal_number : fatal_signals) {
    struct sigaction current{};
    if (::sigaction(signal_number, nullptr, &current) != 0 || current.sa_handler != SIG_DFL) {
      continue;
    }
    struct sigaction printing{};
    printing.sa_handler = print_and_die;
    printing.sa_flags = SA_ONSTACK;
    sigemptyset(&printing.sa_mask);
    ::sigaction(signal_number, &printing, nullptr);
  }
}

}  // namespace

void set_replay_line(std::string_view command) {
  line_length = 0;
  if (command.empty()) return;
  const std::size_t room = sizeof line - prefix.size() - 1;
  const std::size_t kept = std::min(command.size(), room);
  std::memcpy(line, prefix.data(), prefix.size());
  std::memcpy(line + prefix.size(), command.data(), kept);
  line[prefix.size() + kept] = '\n';
  line_length = prefix.size() + kept + 1;
  register_death_callback();
}

void print_replay_line() noexcept {
  if (line_length > 0) (void)!::write(STDERR_FILENO, line, line_length);
}

void set_result_at_death(std::string_view path, std::string_view json) {
  result_length = 0;
  result_path[0] = '\0';
  if (path.empty() || path.size() >= sizeof result_path || json.size() > sizeof result_text) {
    return;
  }
  std::memcpy(result_path, path.data(), path.size());
  result_path[path.size()] = '\0';
  std::memcpy(result_text, json.data(), json.size());
  result_length = json.size();
  register_death_callback();
}

void write_result_at_death() noexcept {
  if (result_length == 0) return;
  const int file = ::open(result_path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (file < 0) return;
  std::size_t written = 0;
  while (written < result_length) {
    const ::ssize_t now = ::write(file, result_text + written, result_length - written);
    if (now <= 0) break;
    written += static_cast<std::size_t>(now);
  }
  ::close(file);
}

}  // namespace safemap::stress
