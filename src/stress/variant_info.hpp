// What the harness knows about the variant it runs: filled in by the main() that
// safemap_add_variant() generates (cmake/SafemapStress.cmake), so reports can name the variant's
// own file and the line its declaration points at.
#pragma once

#include <string_view>

namespace safemap::stress {

struct variant_info {
  std::string_view name;
  std::string_view source_file;  // absolute path of the variant's header
  int declared_line = 1;         // where an invariant finding is located (the @BUG marker, or 1)
  bool broken = false;           // a planted bug from tests/broken/
};

}  // namespace safemap::stress
