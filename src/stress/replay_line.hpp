// The replay command of the controlled round now running (docs/harness.md, "Controlled
// schedules"), printed after reports the harness does not write itself: a sanitizer's (through
// the runtime's death callback) and a crash report (from the signal handler). Both print it
// from places where only async-signal-safe calls are allowed, so the line is kept ready-made.
#pragma once

#include <string_view>

namespace safemap::stress {

// Sets the command (empty: nothing to print) and, the first time, registers the sanitizer
// runtime's death callback where there is a runtime; elsewhere a handler of the fatal signals
// nobody handles yet (SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT) that prints it, then dies of the
// signal.
void set_replay_line(std::string_view command);

// Writes "[safemap-stress] replay: <command>" to standard error, if there is a command.
// Async-signal-safe.
void print_replay_line() noexcept;

// The JSON result (--json) the process leaves when it dies on a sanitizer's report or a crash,
// ready-made for the same reason: run/result.cpp keeps it current (the replay command of the
// round now running). An empty path: nothing to write.
void set_result_at_death(std::string_view path, std::string_view json);
// Writes that file, if there is one (open, write, close: async-signal-safe). The sanitizer death
// callback calls it, and the crash handler.
void write_result_at_death() noexcept;

}  // namespace safemap::stress
