// Reads the memory access a stack title describes: TSan's `Previous write of size 4 at 0x.. by
// thread T1 (mutexes: write M0)` or ASan's `READ of size 4 at 0x.. thread T0`. The renderers use
// it to show the two racing accesses of a data race.
// Thread safety: pure function. Complexity: O(length of the title).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace safemap::sanitizer_report {

struct memory_access {
  bool previous = false;
  bool atomic = false;
  std::string operation;  // "read" or "write"
  int size = 0;
  std::string thread;  // "thread T1", "main thread"
};

std::optional<memory_access> parse_access(std::string_view title);

// "previous atomic write of size 4 by thread T1".
std::string describe(const memory_access& access);

}  // namespace safemap::sanitizer_report
