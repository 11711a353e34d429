// Turns what a runtime printed after `<Name>: ` into the finding's kind, the name people and
// `expect --kind` use: "heap-use-after-free on address 0x... at pc ..." -> "heap-use-after-free",
// "data race (pid=12)" -> "data race", "attempting double-free on 0x..." -> "double-free"; and a
// UBSan `runtime error:` message into its error class ("signed integer overflow", ...).
// Thread safety: pure functions. Complexity: O(length of the text).
#pragma once

#include <string>
#include <string_view>

namespace safemap::sanitizer_report {

// The kind of a `<Name>: <text>` header.
std::string normalise_kind(std::string_view header_text);

// The error class of a UBSan `runtime error: <message>`.
std::string classify_runtime_error(std::string_view message);

}  // namespace safemap::sanitizer_report
