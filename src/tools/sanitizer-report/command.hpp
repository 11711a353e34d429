// Runs the command `expect` checks: stdout and stderr go into one pipe, are echoed as they
// arrive (so a ctest log shows the program's output in order) and are returned.
// Thread safety: call from one thread at a time (it waits for the child).
// Exception safety: throws command_error when the command cannot be started (not found, not
//   executable); the pipe is closed on every path.
// Complexity: O(output size).
#pragma once

#include <cstdio>
#include <stdexcept>
#include <string>
#include <vector>

namespace safemap::sanitizer_report {

struct command_outcome {
  std::string output;  // stdout and stderr, interleaved as written
  int exit_code = 0;   // meaningful when signal == 0
  int signal = 0;      // the signal that ended the command, or 0
};

class command_error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

command_outcome run_command(const std::vector<std::string>& argv, std::FILE* echo);

// "exit code 66" or "signal 6 (Aborted)".
std::string describe_end(const command_outcome& outcome);

}  // namespace safemap::sanitizer_report
