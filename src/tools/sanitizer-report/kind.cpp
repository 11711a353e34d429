#include "kind.hpp"

#include <array>

#include "text_util.hpp"

namespace safemap::sanitizer_report {
namespace {

// Drops a trailing ` (pid=N)` (TSan) .
std::string_view strip_pid(std::string_view text) {
  const auto at = text.rfind(" (pid=");
  if (at != std::string_view::npos && text.ends_with(')')) return text.substr(0, at);
  return text;
}

// ASan names the bug type first when details follow: `strcpy-param-overlap: memory ranges ..`,
// `negative-size-param: (size=-5)`. A type is one word.
std::string_view asan_bug_type_before_details(std::string_view text) {
  const auto colon = text.find(": ");
  if (colon == std::string_view::npos || contains(text.substr(0, colon), " ")) return text;
  return text.substr(0, colon);
}

// ASan appends where and how: `heap-use-after-free on address 0x.. at pc 0x.. bp ..`,
// `SEGV on unknown address 0x0000 (pc ...)`, `attempting double-free on 0x.. in thread T0:`.
std::string_view strip_asan_details(std::string_view text) {
  constexpr std::array<std::string_view, 5> details{" on address ", " on unknown address", " on 0x",
                                                    " at pc 0x", " in thread T"};
  for (std::string_view detail : details) {
    const auto at = text.find(detail);
    if (at != std::string_view::npos) text = text.substr(0, at);
  }
  while (text.ends_with(':')) text.remove_suffix(1);
  return trim(text);
}

// A word that only this run prints: an address, a pid or tid, a thread id (`T0`, `T12345)`).
bool is_run_specific(std::string_view word) {
  if (contains(word, "0x") || contains(word, "pid=") || contains(word, "tid=")) return true;
  if (word.starts_with('(')) return contains(word, " T") && contains(word, "thread");
  if (word.size() < 2 || word[0] != 'T') return false;
  std::size_t digits = 1;
  while (digits < word.size() && word[digits] >= '0' && word[digits] <= '9') ++digits;
  return digits > 1 && word.substr(digits).find_first_not_of("):,") == std::string_view::npos;
}

// Whatever kind of header is left, it ends before the first word of this run.
std::string_view before_run_specific_words(std::string_view text) {
  for (std::string_view word : words(text)) {
    if (is_run_specific(word)) {
      text = trim(text.substr(0, static_cast<std::size_t>(word.data() - text.data())));
      break;
    }
  }
  while (text.ends_with(':') || text.ends_with(',')) text.remove_suffix(1);
  return trim(text);
}

// ASan's header wording where it differs from the bug type its SUMMARY line names.
std::string_view asan_bug_type(std::string_view text) {
  if (text == "attempting double-free") return "double-free";
  if (text == "attempting free") return "bad-free";
  if (text == "requested allocation size") return "allocation-size-too-big";
  return text;
}

}  // namespace

std::string normalise_kind(std::string_view header_text) {
  std::string_view text = asan_bug_type_before_details(trim(strip_pid(trim(header_text))));
  text = before_run_specific_words(strip_asan_details(text));
  return std::string{asan_bug_type(text)};
}

}  // namespace safemap::sanitizer_report
