// libFuzzer entry point: any bytes, read as a log, must parse, locate, deduplicate and render in
// every format without crashing, leaking or tripping AddressSanitizer / UBSan.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "dedupe.hpp"
#include "locator.hpp"
#include "parser.hpp"
#include "render.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace safemap::sanitizer_report;
  const std::string_view text{reinterpret_cast<const char*>(data), size};
  const locator source{"/"};  // every absolute path is project code: the most paths exercised
  const auto findings = deduplicate(parse_log(text, "fuzz"), source);
  for (std::string_view name : format_names) {
    (void)render(*parse_format(name), findings, {source.root()});
  }
  return 0;
}
