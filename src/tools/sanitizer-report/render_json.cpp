// json: the findings as data, for the gap report and other tools.
#include <nlohmann/json.hpp>

#include "render.hpp"
#include "render_common.hpp"

namespace safemap::sanitizer_report {
namespace {

using json = nlohmann::ordered_json;

// Lines and columns start at 1; 0 is none printed.
json number_or_null(int value) { return value > 0 ? json(value) : json(nullptr); }

json frame_json(const frame& entry) {
  return json{{"index", entry.index},
              {"function", entry.function},
              {"file", entry.file},
              {"line", number_or_null(entry.line)},
              {"column", number_or_null(entry.column)},
              {"module", entry.module},
              {"project_file", entry.project_file ? json(*entry.project_file) : json(nullptr)}};
}

json finding_json(const finding& found) {
  const report& raw = found.first;
  json location = nullptr;
  if (found.where) {
    json passed_over = json::array();
    for (const frame& entry : found.where->passed_over) passed_over.push_back(frame_json(entry));
    location = json{{"file", found.where->file},
                    {"line", number_or_null(found.where->line)},
                    {"column", number_or_null(found.where->column)},
                    {"function", found.where->function},
                    {"frame", found.where->frame_index},
                    {"passed_over", std::move(passed_over)}};
  }
  json race = json::array();
  for (const auto& [access, where] : accesses(raw)) {
    race.push_back(json{{"operation", access.operation},
                        {"size", access.size},
                        {"thread", access.thread},
                        {"previous", access.previous},
                        {"atomic", access.atomic},
                        {"frame", where ? frame_json(*where) : json(nullptr)}});
  }
  json stacks = json::array();
  for (const stack& trace : raw.stacks) {
    json frames = json::array();
    for (const frame& entry : trace.frames) frames.push_back(frame_json(entry));
    stacks.push_back(json{{"title", trace.title}, {"frames", std::move(frames)}});
  }
  return json{{"sanitizer", raw.sanitizer},
              {"kind", raw.kind},
              {"class", raw.error_class.empty() ? json(nullptr) : json(raw.error_class)},
              {"location", std::move(location)},
              {"count", found.count},
              {"project_frames", project_frame_count(found)},
              {"truncated", raw.truncated},
              {"header", raw.header},
              {"summary", raw.summary},
              {"messages", raw.messages},
              {"accesses", std::move(race)},
              {"stacks", std::move(stacks)},
              {"log", raw.log},
              {"log_line", raw.log_line}};
}

}  // namespace

std::string render_json(const std::vector<finding>& findings) {
  json out = json::array();
  for (const finding& found : findings) out.push_back(finding_json(found));
  // Logs are not guaranteed UTF-8; replace what is not rather than fail.
  return out.dump(2, ' ', false, json::error_handler_t::replace) + '\n';
}

}  // namespace safemap::sanitizer_report
