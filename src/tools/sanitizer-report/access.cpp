#include "access.hpp"

#include <algorithm>
#include <cctype>

#include "text_util.hpp"

namespace safemap::sanitizer_report {
namespace {

bool take_prefix(std::string_view& text, std::string_view prefix) {
  if (!text.starts_with(prefix)) return false;
  text.remove_prefix(prefix.size());
  return true;
}

}  // namespace

std::optional<memory_access> parse_access(std::string_view title) {
  std::string lowered{trim(title)};
  std::transform(lowered.begin(), lowered.end(), lowered.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  std::string_view text = lowered;
  memory_access access;
  access.previous = take_prefix(text, "previous ");
  access.atomic = take_prefix(text, "atomic ");
  if (take_prefix(text, "read")) {
    access.operation = "read";
  } else if (take_prefix(text, "write")) {
    access.operation = "write";
  } else {
    return std::nullopt;
  }
  if (!take_prefix(text, " of size ")) return std::nullopt;
  const auto size_end = text.find(' ');
  const auto size = to_int(text.substr(0, size_end));
  if (!size || size_end == std::string_view::npos) return std::nullopt;
  access.size = *size;
  text.remove_prefix(size_end);
  // The thread follows the address: ` by thread T1`, ` by main thread`, ` thread T0` (ASan).
  const auto by = text.find(" by ");
  const auto thread_at = by != std::string_view::npos ? by + 4 : text.find("thread ");
  if (thread_at == std::string_view::npos) return std::nullopt;
  std::string_view thread = text.substr(thread_at);
  thread = thread.substr(0, thread.find(" ("));
  while (thread.ends_with(':')) thread.remove_suffix(1);
  // Keep the runtime's capitalisation of thread ids (T1, not t1).
  const auto original = trim(title).substr(lowered.size() - text.size() + thread_at, thread.size());
  access.thread = std::string{trim(original)};
  return access;
}

std::string describe(const memory_access& access) {
  std::string text;
  if (access.previous) text += "previous ";
  if (access.atomic) text += "atomic ";
  text += access.operation + " of size " + std::to_string(access.size) + " by " + access.thread;
  return text;
}

}  // namespace safemap::sanitizer_report
