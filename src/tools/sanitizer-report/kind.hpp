// Turns what a runtime printed into the finding's kind, the name people and `expect --kind` use
// and the part of a finding's identity that does not change from run to run: no addresses,
// thread ids or values of that run.
//   `<Name>: <text>` headers: "heap-use-after-free on address 0x... at pc ..." ->
//   "heap-use-after-free", "data race (pid=12)" -> "data race", "strcpy-param-overlap: memory
//   ranges [0x..) and [0x..) overlap" -> "strcpy-param-overlap", "attempting double-free on
//   0x..." -> "double-free".
//   UBSan `runtime error: <message>`: the runtime's own words without the values, addresses and
//   types of that report ("store to null pointer of type 'int'" -> "store to null pointer"), and
//   beside them the error class of the check ("null pointer use").
// Thread safety: pure functions. Complexity: O(length of the text).
#pragma once

#include <string>
#include <string_view>

namespace safemap::sanitizer_report {

// The kind of a `<Name>: <text>` header.
std::string normalise_kind(std::string_view header_text);

// The kind of a UBSan `runtime error: <message>`: the message's words up to its details (what
// follows `: `, `; `, `, which requires`, `, which is declared`), without values, addresses, quoted
// types and groups in parentheses, nor the words that only introduce them ("of type", "to").
std::string runtime_error_kind(std::string_view message);

// The error class of a UBSan `runtime error: <message>`.
std::string classify_runtime_error(std::string_view message);

}  // namespace safemap::sanitizer_report
