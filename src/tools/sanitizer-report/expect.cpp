#include "expect.hpp"

#include <regex>

namespace safemap::sanitizer_report {
namespace {

std::string plural(std::size_t count, const char* noun) {
  return std::to_string(count) + " " + noun + (count == 1 ? "" : "s");
}

verdict check_none(const std::vector<finding>& findings, const command_outcome& outcome) {
  if (!findings.empty()) {
    return {false, "expected no finding, found " + plural(findings.size(), "finding")};
  }
  if (outcome.signal != 0 || outcome.exit_code != 0) {
    return {false, "no finding, but the command ended with " + describe_end(outcome)};
  }
  return {true, "no finding and the command exited 0"};
}

}  // namespace

verdict check(const expectation& expected, const std::vector<finding>& findings,
              const command_outcome& outcome) {
  if (!expected.kind) return check_none(findings, outcome);
  const std::regex pattern{expected.location_pattern, std::regex::ECMAScript};
  const std::string wanted = "'" + *expected.kind + "' at /" + expected.location_pattern + "/";
  std::string near_misses;
  for (const finding& found : findings) {
    if (found.first.kind != *expected.kind && found.first.error_class != *expected.kind) continue;
    const std::string where = location_string(found);
    if (!found.where || !std::regex_search(where, pattern)) {
      near_misses += " at '" + (found.where ? where : std::string{"<no project frame>"}) + "';";
      continue;
    }
    const std::size_t frames = project_frame_count(found);
    if (found.count < expected.min_count || frames < expected.min_project_frames) {
      near_misses += " at '" + where + "' with count " + std::to_string(found.count) + " and " +
                     plural(frames, "project frame") + ";";
      continue;
    }
    return {true, "found " + wanted + ": '" + where + "', count " + std::to_string(found.count) +
                      ", " + plural(frames, "project frame")};
  }
  std::string explanation =
      "expected " + wanted + " (count >= " + std::to_string(expected.min_count) +
      ", project frames >= " + std::to_string(expected.min_project_frames) + ")";
  if (near_misses.empty()) {
    explanation += "; found " + plural(findings.size(), "finding") + ", none of that kind";
  } else {
    explanation += "; that kind was found elsewhere or too weakly:" + near_misses;
  }
  return {false, explanation};
}

}  // namespace safemap::sanitizer_report
