#include "stress/linearizability/witness_report.hpp"

#include <algorithm>
#include <array>

namespace safemap::stress::linearizability {
namespace {

std::string describe_state(const key_state& state) {
  return state ? "held " + std::to_string(*state) : std::string{"was absent"};
}

std::string legal_text(operation_kind kind, const std::vector<operation_result>& results) {
  std::string text;
  for (const auto& result : results) {
    text += (text.empty() ? "" : " or ") + describe_result(kind, result);
  }
  return text;
}

// Rows as aligned columns under a header line.
std::vector<std::string> table_lines(const std::vector<witness_row>& rows) {
  std::vector<std::uint64_t> ticks;
  for (const auto& row : rows) {
    ticks.push_back(row.invoked);
    ticks.push_back(row.responded);
  }
  std::ranges::sort(ticks);
  const auto rank = [&](std::uint64_t tick) {
    return static_cast<std::size_t>(std::ranges::lower_bound(ticks, tick) - ticks.begin()) + 1;
  };
  std::vector<std::array<std::string, 5>> cells{
      {"steps", "thread", "operation", "returned", "every legal order returns"}};
  for (const auto& row : rows) {
    cells.push_back({std::to_string(rank(row.invoked)) + "-" + std::to_string(rank(row.responded)),
                     row.thread, row.call, row.returned, row.legal});
  }
  std::array<std::size_t, 5> width{};
  for (const auto& line : cells) {
    for (std::size_t column = 0; column < line.size(); ++column) {
      width[column] = std::max(width[column], line[column].size());
    }
  }
  std::vector<std::string> lines;
  for (const auto& line : cells) {
    std::string text;
    for (std::size_t column = 0; column < line.size(); ++column) {
      text += line[column];
      if (column + 1 < line.size())
        text += std::string(width[column] - line[column].size() + 2, ' ');
    }
    while (text.ends_with(' ')) text.pop_back();
    lines.push_back(text);
  }
  return lines;
}

// One frame per distinct operation, in row order, for the rows `wanted` accepts.
template <class Wanted>
stack operation_frames(std::string title, const std::vector<witness_row>& rows,
                       const operation_sites& sites, std::vector<operation_kind>& listed,
                       Wanted wanted) {
  stack frames{.title = std::move(title), .frames = {}};
  for (const auto& row : rows) {
    if (!wanted(row) || std::ranges::find(listed, row.kind) != listed.end()) continue;
    listed.push_back(row.kind);
    if (auto site = sites.frame_of(row.kind)) frames.frames.push_back(std::move(*site));
  }
  return frames;
}

}  // namespace

history_finding describe_witness(const witness& failing, const explanation& why,
                                 unsigned segment_end_thread) {
  history_finding finding;
  const std::string key = "key " + std::to_string(failing.key);
  finding.context.push_back(
      key + ": no order of the " + std::to_string(failing.operations.size()) +
      " operations after " + (failing.anchor ? "the first" : "the start") +
      " explains what they returned (shrunk from " + std::to_string(failing.shrunk_from) +
      " operations on this key in one segment; steps give the order " +
      "in which each was invoked and returned: overlapping steps ran at the same time)");
  finding.context.push_back(
      key + " " + describe_state(failing.start) +
      (failing.anchor
           ? " after the first operation, which overlapped no other (every legal order agrees)"
           : " when the segment began (read with no other thread running)"));
  const auto row = [&](const key_operation& operation, const std::vector<operation_result>* legal) {
    const bool blamed = legal != nullptr && !legal->empty();
    finding.rows.push_back({
        .thread = operation.thread == segment_end_thread ? std::string{"end"}
                                                         : std::to_string(operation.thread),
        .invoked = operation.invoked,
        .responded = operation.responded,
        .call = describe_call(operation, failing.key),
        .returned = describe_result(operation.kind, operation.result),
        .legal = blamed ? legal_text(operation.kind, *legal) : std::string{},
        .kind = operation.kind,
        .blamed = blamed,
    });
  };
  if (failing.anchor) row(*failing.anchor, nullptr);
  for (std::size_t i = 0; i < failing.operations.size(); ++i) {
    row(failing.operations[i], why.explained ? &why.legal_results[i] : nullptr);
  }
  return finding;
}

report linearizability_report(const history_finding& finding, const operation_sites& sites) {
  report built{
      .tool = report_tool, .kind = violation_kind, .messages = finding.context, .stacks = {}};
  for (auto& line : table_lines(finding.rows)) built.messages.push_back(std::move(line));
  const bool any_blamed = std::ranges::any_of(finding.rows, &witness_row::blamed);
  std::vector<operation_kind> listed;
  std::vector<stack> stacks;
  if (any_blamed) {
    stacks.push_back(
        operation_frames("Operation whose result no legal order explains:", finding.rows, sites,
                         listed, [](const witness_row& row) { return row.blamed; }));
    stacks.push_back(operation_frames("The other operations of the history:", finding.rows, sites,
                                      listed, [](const witness_row&) { return true; }));
  } else {
    stacks.push_back(operation_frames("The operations of the history:", finding.rows, sites, listed,
                                      [](const witness_row&) { return true; }));
  }
  for (auto& each : stacks) {
    if (!each.frames.empty()) built.stacks.push_back(std::move(each));
  }
  return built;
}

}  // namespace safemap::stress::linearizability
