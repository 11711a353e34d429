#include "dedupe.hpp"

#include <algorithm>
#include <string>
#include <unordered_map>
#include <utility>

namespace safemap::sanitizer_report {
namespace {

bool is_thread_creation(const stack& trace) {
  return trace.title.find("created by") != std::string::npos ||
         trace.title.find("created at") != std::string::npos;
}

// A place by its line, or where the runtime printed none, by its function.
std::string place_key(const std::string& file, int line, const std::string& function) {
  return line > 0 ? file + ":" + std::to_string(line) : file + " " + function;
}

// The project frames of a stack down to the first that has a line: frames without one say
// little on their own, so the frame below them tells two reports apart.
void add_located_frames(const stack& trace, std::vector<std::string>& located) {
  for (const frame& entry : trace.frames) {
    if (!entry.project_file) continue;
    located.push_back(place_key(*entry.project_file, entry.line, entry.function));
    if (entry.line > 0) return;
  }
}

std::string identity(const report& marked, const std::optional<location>& where) {
  std::vector<std::string> located;
  for (const stack& trace : marked.stacks) {
    if (!is_thread_creation(trace)) add_located_frames(trace, located);
  }
  std::sort(located.begin(), located.end());
  located.erase(std::unique(located.begin(), located.end()), located.end());
  std::string key = marked.sanitizer + '\n' + marked.kind + '\n';
  key += where ? place_key(where->file, where->line, where->function) : std::string{"?"};
  for (const std::string& entry : located) key += '\n' + entry;
  return key;
}

}  // namespace

std::vector<finding> deduplicate(std::vector<report> reports, const locator& source) {
  std::vector<finding> findings;
  std::unordered_map<std::string, std::size_t> index_of;
  for (report& raw : reports) {
    source.mark_project_frames(raw);
    auto where = source.locate(raw);
    auto key = identity(raw, where);
    const auto [entry, inserted] = index_of.try_emplace(std::move(key), findings.size());
    if (inserted) {
      findings.push_back(finding{std::move(raw), std::move(where), 1});
    } else {
      finding& merged = findings[entry->second];
      ++merged.count;
      // A complete report describes the finding better than a truncated one.
      if (merged.first.truncated && !raw.truncated) merged.first = std::move(raw);
    }
  }
  return findings;
}

}  // namespace safemap::sanitizer_report
