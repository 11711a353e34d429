#include "stress/invariants/checks.hpp"

namespace safemap::stress {

std::string describe(const std::optional<std::uint64_t>& value) {
  if (!value) return "absent";
  return std::to_string(*value) + " (written for key " + std::to_string(key_in(*value)) + ")";
}

void check_consistent(findings& found, std::uint64_t key, std::uint64_t value,
                      operation_kind read_by) {
  if (key_in(value) != key) {
    found.report("wrong value", "key " + std::to_string(key) + " holds " + describe(value),
                 read_by);
  }
}

void check_owned(findings& found, std::uint64_t key, const std::optional<std::uint64_t>& actual,
                 const std::optional<std::uint64_t>& expected, std::string_view when,
                 operation_kind seen_by) {
  if (actual == expected) return;
  const std::string what = "key " + std::to_string(key) + " " + std::string{when} + ": holds " +
                           describe(actual) + ", its only writer last left it " +
                           describe(expected);
  if (!actual) {
    found.report("missing key", what, seen_by);
  } else if (!expected) {
    found.report("unexpected key", what, seen_by);
  } else {
    found.report("wrong value", what, seen_by);
  }
}

void check_result(findings& found, operation_kind operation, std::uint64_t key, bool actual,
                  bool expected) {
  if (actual != expected) {
    found.report("wrong result",
                 std::string{name_of(operation)} + "(" + std::to_string(key) + ") returned " +
                     (actual ? "true" : "false") + " but its only writer expected " +
                     (expected ? "true" : "false"),
                 operation);
  }
}

}  // namespace safemap::stress
