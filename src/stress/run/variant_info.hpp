// What the harness knows about the variant it runs: filled in by the main() that
// safemap_add_variant() generates (cmake/SafemapStress.cmake).
#pragma once

#include <string_view>

namespace safemap::stress {

struct variant_info {
  std::string_view name;
  std::string_view source_file;  // absolute path of the variant's header
  bool broken = false;           // a planted bug from tests/broken/
};

}  // namespace safemap::stress
