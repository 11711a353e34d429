#include "frame_line.hpp"

#include <string>

#include "text_util.hpp"

namespace safemap::sanitizer_report {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Removes a trailing ` (BuildId: ...)` that newer runtimes append.
std::string_view strip_build_id(std::string_view text) {
  constexpr std::string_view marker = " (BuildId: ";
  const auto at = text.rfind(marker);
  if (at != std::string_view::npos && text.ends_with(')')) return text.substr(0, at);
  return text;
}

// Splits a trailing ` (module+0xoffset)` off `text`; returns the module text, or nothing.
std::optional<std::string_view> take_module(std::string_view& text) {
  if (!text.ends_with(")")) return std::nullopt;
  const auto open = text.rfind('(');
  if (open == std::string_view::npos) return std::nullopt;
  const std::string_view inside = text.substr(open + 1, text.size() - open - 2);
  const auto plus = inside.rfind("+0x");
  if (plus == std::string_view::npos || inside.find_first_of("()") != std::string_view::npos)
    return std::nullopt;
  for (char c : inside.substr(plus + 3)) {
    if (!is_hex_digit(c)) return std::nullopt;
  }
  if (open != 0 && text[open - 1] != ' ') return std::nullopt;
  text = trim(text.substr(0, open));
  return inside;
}

// `path:line[:column]` with a non-empty path, or nothing.
bool take_source_position(std::string_view token, frame& into) {
  const auto last_colon = token.rfind(':');
  if (last_colon == std::string_view::npos || last_colon == 0) return false;
  const auto last_number = to_int(token.substr(last_colon + 1));
  if (!last_number) return false;
  const std::string_view before = token.substr(0, last_colon);
  const auto second_colon = before.rfind(':');
  if (second_colon != std::string_view::npos && second_colon != 0) {
    if (const auto line = to_int(before.substr(second_colon + 1))) {
      into.file = std::string{before.substr(0, second_colon)};
      into.line = *line;
      into.column = *last_number;
      return true;
    }
  }
  into.file = std::string{before};
  into.line = *last_number;
  return true;
}

// A token that names a file without a line: `/lib/x/libc.so.6`, `tsan_interceptors.cpp.o`.
bool looks_like_file(std::string_view token) {
  if (token.empty() || token.ends_with(')') || token.ends_with('>')) return false;
  return token.find('/') != std::string_view::npos || token.ends_with(".o");
}

// `function location` where location is `file:line[:col]`, `<null>` or absent.
void take_function_and_location(std::string_view text, frame& into) {
  const auto space = text.rfind(' ');
  if (space != std::string_view::npos) {
    const std::string_view token = text.substr(space + 1);
    std::string_view function = trim(text.substr(0, space));
    bool located = false;
    if (token == "<null>" || take_source_position(token, into)) {
      located = true;
    } else if (looks_like_file(token)) {
      into.file = std::string{token};
      located = true;
    }
    if (located) {
      // gdb prints `func (args) at file:line` and `func () from /lib/libc.so.6`.
      if (function.ends_with(" at")) function = trim(function.substr(0, function.size() - 3));
      if (function.ends_with(" from")) {
        function = trim(function.substr(0, function.size() - 5));
        into.module = std::move(into.file);
        into.file.clear();
      }
      into.function = function == "<null>" ? std::string{} : std::string{function};
      return;
    }
  }
  into.function = text == "<null>" ? std::string{} : std::string{text};
}

}  // namespace

std::optional<frame> parse_frame_line(std::string_view line) {
  std::string_view rest = trim(line);
  if (rest.size() < 3 || rest[0] != '#' || !is_digit(rest[1])) return std::nullopt;
  std::size_t digits_end = 1;
  while (digits_end < rest.size() && is_digit(rest[digits_end])) ++digits_end;
  if (digits_end >= rest.size() || (rest[digits_end] != ' ' && rest[digits_end] != '\t'))
    return std::nullopt;
  frame parsed;
  const auto index = to_int(rest.substr(1, digits_end - 1));
  if (!index) return std::nullopt;
  parsed.index = *index;
  rest = trim(strip_build_id(trim(rest.substr(digits_end))));

  // ASan form: a program counter, then ` in function location` or ` (module+0x..)` alone.
  if (rest.starts_with("0x")) {
    std::size_t hex_end = 2;
    while (hex_end < rest.size() && is_hex_digit(rest[hex_end])) ++hex_end;
    rest = trim(rest.substr(hex_end));
    if (rest.starts_with("in ")) rest = trim(rest.substr(3));
  }
  if (const auto module = take_module(rest)) parsed.module = std::string{*module};
  if (!rest.empty()) take_function_and_location(rest, parsed);
  return parsed;
}

}  // namespace safemap::sanitizer_report
