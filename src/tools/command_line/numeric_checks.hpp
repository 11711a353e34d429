// CLI11 checks for the numeric options and environment variables of the project's tools.
//
// CLI11 reads an unsigned option with strtoull, so `--ops -5` became 18446744073709551611
// operations, an overflowing value became the largest one, and `0x10` or ` 5` were accepted;
// a duration of `inf` or `nan` slipped past a "positive" check (NaN compares false both ways).
// These checks run on the text before CLI11 converts it: a whole number is decimal digits only
// and must fit its type, a duration is a finite decimal number, and an environment variable
// that is set but empty is an error rather than silently ignored.
#pragma once

#include <charconv>
#include <cmath>
#include <concepts>
#include <cstdlib>
#include <limits>
#include <string>

#include "command_line/cli11.hpp"

namespace safemap::command_line {

// Decimal digits only, no sign or spaces, within [minimum, the type's largest value].
template <std::unsigned_integral Number>
CLI::Validator whole_number(Number minimum = 0) {
  const std::string range =
      std::to_string(minimum) + ".." + std::to_string(std::numeric_limits<Number>::max());
  return CLI::Validator{
      [=](std::string& text) -> std::string {
        if (text.empty()) return "needs a whole number in " + range + ", got an empty value";
        if (text.find_first_not_of("0123456789") != std::string::npos) {
          return "'" + text + "' is not a whole number in " + range + " (decimal digits only)";
        }
        Number value{};
        const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
        if (error == std::errc::result_out_of_range || value < minimum) {
          return "'" + text + "' is not a whole number in " + range + " (out of range)";
        }
        return {};
      },
      "WHOLE NUMBER in " + range, "whole_number"};
}

// A finite decimal number of seconds: at least 0, or above 0 when zero is not allowed.
inline CLI::Validator seconds(bool zero_allowed) {
  const std::string expected =
      zero_allowed ? "a finite number of seconds >= 0" : "a finite number of seconds > 0";
  return CLI::Validator{
      [=](std::string& text) -> std::string {
        if (text.empty()) return "needs " + expected + ", got an empty value";
        double value = 0;
        const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
        const bool number = error == std::errc{} && end == text.data() + text.size();
        if (!number || !std::isfinite(value) || value < 0 || (!zero_allowed && value == 0)) {
          return "'" + text + "' is not " + expected;
        }
        return {};
      },
      zero_allowed ? "SECONDS >= 0" : "SECONDS > 0", "seconds"};
}

// CLI11 skips an environment variable that is set to the empty string; for a tool whose runs
// are configured by CI environments, an empty value is far more likely a broken script than a
// wish for the default. Call before parsing; throws CLI::ValidationError naming the variable.
inline void refuse_empty_environment(const CLI::App& app) {
  for (const CLI::Option* option : app.get_options()) {
    const std::string variable = option->get_envname();
    if (variable.empty()) continue;
    // NOLINTNEXTLINE(concurrency-mt-unsafe): called before parsing, before any thread starts.
    if (const char* value = std::getenv(variable.c_str()); value != nullptr && *value == '\0') {
      throw CLI::ValidationError{variable, "is set but empty; unset it or give it a value"};
    }
  }
}

}  // namespace safemap::command_line
