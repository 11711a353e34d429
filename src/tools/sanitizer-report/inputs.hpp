// Reads the logs `sanitizer-report report` is given: files, or standard input for "-".
// Exception safety: throws input_error with a message naming the file and the reason.
// Complexity: O(total size).
#pragma once

#include <stdexcept>
#include <string>
#include <vector>

namespace safemap::sanitizer_report {

struct log_text {
  std::string name;  // the path as given, or "-"
  std::string text;
};

class input_error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// No paths means standard input.
std::vector<log_text> read_logs(const std::vector<std::string>& paths);

}  // namespace safemap::sanitizer_report
