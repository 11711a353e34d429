// The replay command of the controlled round now running (docs/harness.md, "Controlled
// schedules"), printed after reports the harness does not write itself: a sanitizer's (through
// the runtime's death callback) and a crash report (from the signal handler). Both print it
// from places where only async-signal-safe calls are allowed, so the line is kept ready-made.
#pragma once

#include <string_view>

namespace safemap::stress {

// Sets the command (empty: nothing to print) and, the first time, registers the sanitizer
// runtime's death callback where there is a runtime.
void set_replay_line(std::string_view command);

// Writes "[safemap-stress] replay: <command>" to standard error, if there is a command.
// Async-signal-safe.
void print_replay_line() noexcept;

}  // namespace safemap::stress
