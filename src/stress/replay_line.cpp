#include "stress/replay_line.hpp"

#include <unistd.h>

#include <algorithm>
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

void print_at_death() { print_replay_line(); }

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
  if (!death_callback_registered && __sanitizer_set_death_callback != nullptr) {
    __sanitizer_set_death_callback(print_at_death);
    death_callback_registered = true;
  }
}

void print_replay_line() noexcept {
  if (line_length > 0) (void)!::write(STDERR_FILENO, line, line_length);
}

}  // namespace safemap::stress
