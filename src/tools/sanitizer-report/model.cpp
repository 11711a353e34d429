#include "model.hpp"

namespace safemap::sanitizer_report {

std::string location_string(const finding& found) {
  if (!found.where) return {};
  return found.where->file + ":" + std::to_string(found.where->line) + " " +
         found.where->function;
}

std::size_t project_frame_count(const finding& found) {
  std::size_t count = 0;
  for (const stack& trace : found.first.stacks) {
    for (const frame& entry : trace.frames) {
      if (entry.project_file) ++count;
    }
  }
  return count;
}

}  // namespace safemap::sanitizer_report
