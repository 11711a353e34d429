// object/: a history that is not linearizable, as a report (report.hpp): the scenario as a table
// with each call's result, the longest order of its calls that fits the model, why no call can
// follow it, then the caller's ending (the interleaving and how to replay it, or why it cannot
// be replayed).
#pragma once

#include <cstddef>
#include <string>
#include <utility>
#include <vector>

#include "stress/object/checker.hpp"
#include "stress/object/history.hpp"
#include "stress/object/scenario.hpp"
#include "stress/report.hpp"

namespace safemap::stress::object {

struct object_finding {
  std::size_t calls = 0;  // in the failing scenario reported
  std::string report;     // in the report form (report.hpp)
  std::string replay;     // empty when it cannot be replayed
};

// `<title> of <spec> (<n> calls):` and the scenario's table, indented.
template <class Spec>
std::vector<std::string> described(const std::string& title, const scenario<Spec>& shown) {
  std::vector<std::string> lines{title + " of " + Spec::name + " (" +
                                 std::to_string(shown.calls()) + " calls):"};
  for (auto& line : scenario_table(shown)) lines.push_back("  " + std::move(line));
  return lines;
}

// `which` says which scenario it is (`the shortest failing scenario found`).
template <class Spec>
object_finding not_linearizable_finding(const history<Spec>& ran, const check_outcome& outcome,
                                        const std::string& which,
                                        const std::vector<std::string>& ending,
                                        const std::string& replay) {
  report shown{
      .tool = "SafemapLinearizability", .kind = "not linearizable", .messages = {}, .stacks = {}};
  auto& lines = shown.messages;
  lines.push_back(std::string{Spec::name} + ": no order of these calls fits the model (" + which +
                  ", " + std::to_string(ran.ran.calls()) + " calls):");
  for (auto& line : scenario_table(ran.ran)) lines.push_back("  " + std::move(line));
  std::string order;
  for (const auto& placed : outcome.longest_order) order += (order.empty() ? "" : ", ") + placed;
  lines.push_back("the longest order that fits: " + (order.empty() ? "(none)" : order));
  lines.push_back("and no call can follow it:");
  for (const auto& why : outcome.why_nothing_follows) lines.push_back("  " + why);
  lines.insert(lines.end(), ending.begin(), ending.end());
  return {.calls = ran.ran.calls(), .report = format_report(shown), .replay = replay};
}

}  // namespace safemap::stress::object
