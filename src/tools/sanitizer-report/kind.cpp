#include "kind.hpp"

#include <array>
#include <utility>

#include "text_util.hpp"

namespace safemap::sanitizer_report {
namespace {

// Drops a trailing ` (pid=N)` (TSan) .
std::string_view strip_pid(std::string_view text) {
  const auto at = text.rfind(" (pid=");
  if (at != std::string_view::npos && text.ends_with(')')) return text.substr(0, at);
  return text;
}

// ASan appends where and how: `heap-use-after-free on address 0x.. at pc 0x.. bp ..`,
// `SEGV on unknown address 0x0000 (pc ...)`, `attempting double-free on 0x.. in thread T0:`.
std::string_view strip_asan_details(std::string_view text) {
  constexpr std::array<std::string_view, 5> details{" on address ", " on unknown address",
                                                    " on 0x", " at pc 0x", " in thread T"};
  for (std::string_view detail : details) {
    const auto at = text.find(detail);
    if (at != std::string_view::npos) text = text.substr(0, at);
  }
  while (text.ends_with(':')) text.remove_suffix(1);
  return trim(text);
}

// ASan's header wording where it differs from the bug type its SUMMARY line names.
std::string_view asan_bug_type(std::string_view text) {
  if (text == "attempting double-free") return "double-free";
  if (text == "attempting free") return "bad-free";
  return text;
}

bool contains(std::string_view text, std::string_view part) {
  return text.find(part) != std::string_view::npos;
}

}  // namespace

std::string normalise_kind(std::string_view header_text) {
  return std::string{asan_bug_type(strip_asan_details(trim(strip_pid(trim(header_text)))))};
}

std::string classify_runtime_error(std::string_view message) {
  // Ordered: the first rule whose text occurs in the message names the class. Classes follow
  // the -fsanitize=... check that prints the message, in words.
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 22> rules{{
      {"signed integer overflow", "signed integer overflow"},
      {"unsigned integer overflow", "unsigned integer overflow"},
      {"negation of", "signed integer overflow"},
      {"division of", "signed integer overflow"},
      {"division by zero", "division by zero"},
      {"shift exponent", "invalid shift exponent"},
      {"left shift of", "invalid shift base"},
      {"out of bounds for type", "index out of bounds"},
      {"not a valid value for type 'bool'", "invalid bool load"},
      {"not a valid value for type", "invalid enum load"},
      {"does not point to an object of type", "dynamic type mismatch"},
      {"null pointer passed as argument", "invalid null argument"},
      {"null pointer returned from function", "invalid null return"},
      {"null pointer", "null pointer use"},
      {"misaligned address", "misaligned pointer use"},
      {"with insufficient space for an object of type", "insufficient object size"},
      {"reached the end of a value-returning function", "missing return"},
      {"reached an unreachable program point", "unreachable call"},
      {"is outside the range of representable values", "float cast overflow"},
      {"pointer index expression", "pointer overflow"},
      {"applying non-zero offset", "pointer overflow"},
      {"implicit conversion from type", "implicit conversion"},
  }};
  for (const auto& [text, error_class] : rules) {
    if (contains(message, text)) return std::string{error_class};
  }
  // An unknown message: its words before the first `:` (or the whole message) are the class.
  return std::string{trim(message.substr(0, message.find(':')))};
}

}  // namespace safemap::sanitizer_report
