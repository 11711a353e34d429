// Small string_view helpers shared by the parser and the renderers.
#pragma once

#include <charconv>
#include <optional>
#include <string_view>
#include <vector>

namespace safemap::sanitizer_report {

inline std::string_view trim(std::string_view text) {
  const auto first = text.find_first_not_of(" \t\r");
  if (first == std::string_view::npos) return {};
  const auto last = text.find_last_not_of(" \t\r");
  return text.substr(first, last - first + 1);
}

// A non-negative decimal integer filling all of `text`; nothing on anything else or overflow.
inline std::optional<int> to_int(std::string_view text) {
  if (text.empty()) return std::nullopt;
  int value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc{} || end != text.data() + text.size() || value < 0) return std::nullopt;
  return value;
}

inline bool contains(std::string_view text, std::string_view part) {
  return text.find(part) != std::string_view::npos;
}

inline bool is_hex_digit(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

// The space-separated words of `text`, where a quoted group ('struct gauge') or a group in
// parentheses ((32-bit, signed)) that starts a word is one word, up to its closing character.
inline std::vector<std::string_view> words(std::string_view text) {
  std::vector<std::string_view> found;
  std::size_t at = text.find_first_not_of(' ');
  while (at != std::string_view::npos) {
    std::size_t end = text.find(' ', at);
    const char open = text[at];
    if (open == '\'' || open == '(') {
      const auto close = text.find(open == '(' ? ')' : '\'', at + 1);
      if (close != std::string_view::npos) end = text.find(' ', close);
    }
    found.push_back(text.substr(at, end == std::string_view::npos ? end : end - at));
    at = end == std::string_view::npos ? end : text.find_first_not_of(' ', end);
  }
  return found;
}

}  // namespace safemap::sanitizer_report
