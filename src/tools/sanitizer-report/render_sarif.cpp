// sarif: SARIF 2.1.0 for GitHub code scanning. One rule per sanitizer and kind; each finding is
// a result at its location, with the located frame of every other stack as a related location
// and every stack as a SARIF stack.
#include <cstdio>
#include <map>
#include <nlohmann/json.hpp>

#include "render.hpp"
#include "render_common.hpp"

namespace safemap::sanitizer_report {
namespace {

using json = nlohmann::ordered_json;

constexpr std::string_view source_root_id = "%SRCROOT%";

// Percent-encodes what may not appear in a URI path.
std::string uri_path(std::string_view path) {
  std::string out;
  for (unsigned char c : path) {
    const bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                       c == '/' || c == '-' || c == '_' || c == '.' || c == '~' || c == '+';
    if (plain) {
      out += static_cast<char>(c);
    } else {
      char escaped[4];
      std::snprintf(escaped, sizeof escaped, "%%%02X", c);
      out += escaped;
    }
  }
  return out;
}

json artifact(const frame& entry) {
  if (entry.project_file) {
    return json{{"uri", uri_path(*entry.project_file)}, {"uriBaseId", source_root_id}};
  }
  if (!entry.file.empty() && entry.file.front() == '/') {
    return json{{"uri", "file://" + uri_path(entry.file)}};
  }
  return json{{"uri", uri_path(entry.file)}};
}

json region(int line, int column) {
  json out{{"startLine", line}};
  if (column > 0) out["startColumn"] = column;
  return out;
}

// A SARIF location for a frame: physical when it names a file, logical when it names a function.
json frame_location(const frame& entry) {
  json out = json::object();
  if (entry.project_file || !entry.file.empty()) {
    json physical{{"artifactLocation", artifact(entry)}};
    if (entry.line > 0) physical["region"] = region(entry.line, entry.column);
    out["physicalLocation"] = std::move(physical);
  }
  if (!entry.function.empty()) {
    out["logicalLocations"] = json::array({json{{"fullyQualifiedName", entry.function}}});
  }
  return out;
}

std::string rule_id(const finding& found) {
  std::string id = found.first.sanitizer + "/";
  for (char c : found.first.kind) id += (c == ' ') ? '-' : c;
  return id;
}

json result(const finding& found, std::size_t rule_index) {
  std::string message;
  for (const std::string& line : explanation(found)) {
    if (!message.empty()) message += "\n";
    message += line;
  }
  json out{{"ruleId", rule_id(found)},
           {"ruleIndex", rule_index},
           {"level", "error"},
           {"message", json{{"text", message}}}};
  if (found.where) {
    frame located;
    located.project_file = found.where->file;
    located.line = found.where->line;
    located.column = found.where->column;
    located.function = found.where->function;
    out["locations"] = json::array({frame_location(located)});
  }
  json related = json::array();
  json stacks = json::array();
  for (const stack& trace : found.first.stacks) {
    json frames = json::array();
    for (const frame& entry : trace.frames) {
      json sarif_frame{{"location", frame_location(entry)}};
      if (!entry.module.empty()) sarif_frame["module"] = entry.module;
      frames.push_back(std::move(sarif_frame));
    }
    const std::string title = trace.title.empty() ? std::string{"stack"} : trace.title;
    stacks.push_back(json{{"message", json{{"text", title}}}, {"frames", std::move(frames)}});
    if (const frame* top = located_frame(trace); top && &trace != &found.first.stacks.front()) {
      json place = frame_location(*top);
      place["id"] = related.size();
      place["message"] = json{{"text", title}};
      related.push_back(std::move(place));
    }
  }
  if (!related.empty()) out["relatedLocations"] = std::move(related);
  if (!stacks.empty()) out["stacks"] = std::move(stacks);
  out["occurrenceCount"] = found.count;
  return out;
}

}  // namespace

std::string render_sarif(const std::vector<finding>& findings, const render_context& context) {
  json rules = json::array();
  std::map<std::string, std::size_t> rule_index;
  json results = json::array();
  for (const finding& found : findings) {
    const std::string id = rule_id(found);
    auto [entry, inserted] = rule_index.try_emplace(id, rules.size());
    if (inserted) {
      rules.push_back(json{{"id", id},
                           {"name", id},
                           {"shortDescription", json{{"text", headline(found)}}},
                           {"defaultConfiguration", json{{"level", "error"}}}});
    }
    results.push_back(result(found, entry->second));
  }
  std::string root = context.source_root;
  if (!root.ends_with('/')) root += '/';
  json run{
      {"tool", json{{"driver", json{{"name", "sanitizer-report"}, {"rules", std::move(rules)}}}}},
      {"originalUriBaseIds", json{{source_root_id, json{{"uri", "file://" + uri_path(root)}}}}},
      {"results", std::move(results)}};
  json log{{"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
           {"version", "2.1.0"},
           {"runs", json::array({std::move(run)})}};
  return log.dump(2, ' ', false, json::error_handler_t::replace) + '\n';
}

}  // namespace safemap::sanitizer_report
