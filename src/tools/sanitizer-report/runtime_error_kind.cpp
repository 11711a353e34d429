// UBSan runtime errors (see kind.hpp): the kind in the runtime's own words, and the class of the
// check.
#include "kind.hpp"

#include <algorithm>
#include <array>
#include <utility>
#include <vector>

#include "text_util.hpp"

namespace safemap::sanitizer_report {
namespace {

// What follows these is detail, not what happened.
std::string_view before_details(std::string_view message) {
  constexpr std::array<std::string_view, 4> separators{": ", "; ", ", which requires",
                                                       ", which is declared"};
  for (std::string_view separator : separators)
    message = message.substr(0, message.find(separator));
  return message;
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// A value of this report: a number (`41`, `-1`, `2.1e+09`, `32-bit`, `5,`), an address, a
// quoted type, or a group in parentheses.
bool is_value(std::string_view word) {
  if (word.starts_with('\'') || word.starts_with('(')) return true;
  if (word.starts_with('-') || word.starts_with('+')) word.remove_prefix(1);
  return !word.empty() && is_digit(word[0]);
}

// Words that only introduce the value after them: "of" in "negation of -1", "of type" in
// "null pointer of type 'int'".
bool introduces_value(std::string_view word) {
  constexpr std::array<std::string_view, 10> introducers{"of",  "by", "to", "with", "from",
                                                         "for", "in", "at", "on",   "type"};
  return std::find(introducers.begin(), introducers.end(), word) != introducers.end();
}

// Units that only measure the value before them: "by 31 places".
bool is_unit(std::string_view word) {
  constexpr std::array<std::string_view, 5> units{"places", "byte", "bytes", "bit", "bits"};
  return std::find(units.begin(), units.end(), word) != units.end();
}

}  // namespace

std::string runtime_error_kind(std::string_view message) {
  std::vector<std::string_view> kept;
  bool after_number = false;
  for (std::string_view word : words(before_details(trim(message)))) {
    if (after_number && is_unit(word)) {
      after_number = false;
      continue;
    }
    after_number = is_value(word) && !word.starts_with('\'') && !word.starts_with('(');
    if (!is_value(word)) {
      kept.push_back(word);
      continue;
    }
    while (!kept.empty() && introduces_value(kept.back())) kept.pop_back();
  }
  std::string kind;
  for (std::string_view word : kept) kind += (kind.empty() ? "" : " ") + std::string{word};
  return kind.empty() ? classify_runtime_error(message) : kind;
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
