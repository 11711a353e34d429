#include "model.hpp"

namespace safemap::sanitizer_report {

std::string location_string(const finding& found) {
  if (!found.where) return {};
  std::string text = found.where->file;
  if (found.where->line > 0) text += ":" + std::to_string(found.where->line);
  return text + " " + found.where->function;
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
