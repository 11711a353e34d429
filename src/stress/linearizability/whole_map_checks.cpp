#include "stress/linearizability/whole_map_checks.hpp"

#include <algorithm>
#include <string>
#include <vector>

namespace safemap::stress::linearizability {
namespace {

std::string thread_name(unsigned thread, unsigned segment_end_thread) {
  return thread == segment_end_thread ? std::string{"end"} : std::to_string(thread);
}

witness_row row_of(const recorded_operation& operation, unsigned segment_end_thread,
                   std::string returned, const std::string& legal) {
  std::string call =
      std::string{name_of(operation.kind)} +
      (operation.kind == operation_kind::find ? "(" + std::to_string(operation.key) + ")" : "()");
  return {.thread = thread_name(operation.thread, segment_end_thread),
          .invoked = operation.invoked,
          .responded = operation.responded,
          .call = std::move(call),
          .returned = std::move(returned),
          .legal = legal,
          .kind = operation.kind,
          .blamed = !legal.empty()};
}

std::optional<history_finding> single_operation_finding(const recorded_operation& operation,
                                                        unsigned segment_end_thread,
                                                        std::string what, std::string returned,
                                                        const std::string& legal) {
  return history_finding{
      .context = {std::move(what)},
      .rows = {row_of(operation, segment_end_thread, std::move(returned), legal)}};
}

std::optional<history_finding> check_entries(const recorded_operation& operation,
                                             std::uint64_t key_count, unsigned segment_end_thread) {
  std::vector<std::uint64_t> keys;
  for (const auto& [key, value] : operation.entries) keys.push_back(key);
  std::ranges::sort(keys);
  const std::string name{name_of(operation.kind)};
  if (const auto twice = std::ranges::adjacent_find(keys); twice != keys.end()) {
    return single_operation_finding(
        operation, segment_end_thread,
        name + "() listed key " + std::to_string(*twice) + " more than once",
        std::to_string(keys.size()) + " entries", "each key at most once");
  }
  if (!keys.empty() && keys.back() >= key_count) {
    return single_operation_finding(operation, segment_end_thread,
                                    name + "() listed key " + std::to_string(keys.back()) +
                                        ", which no operation ever wrote (keys 0.." +
                                        std::to_string(key_count - 1) + " are in play)",
                                    std::to_string(keys.size()) + " entries",
                                    "keys written earlier only");
  }
  return std::nullopt;
}

}  // namespace

std::optional<history_finding> check_whole_map_reads(std::span<const thread_history> histories,
                                                     std::uint64_t key_count,
                                                     unsigned segment_end_thread) {
  for (const auto& history : histories) {
    for (const auto& operation : history.operations()) {
      if (operation.kind == operation_kind::for_each ||
          operation.kind == operation_kind::snapshot) {
        if (auto found = check_entries(operation, key_count, segment_end_thread)) return found;
      }
      if (operation.kind == operation_kind::size && operation.count > key_count) {
        return single_operation_finding(
            operation, segment_end_thread,
            "size() returned " + std::to_string(operation.count) + ", but only " +
                std::to_string(key_count) + " keys are in play",
            std::to_string(operation.count), "at most " + std::to_string(key_count));
      }
    }
  }
  // At the segment's end: size() and empty() against the finds beside them.
  const auto end_reads = histories.back().operations();
  std::size_t present = 0;
  for (const auto& operation : end_reads) {
    if (operation.kind == operation_kind::find && operation.result.value) ++present;
  }
  history_finding finding;
  for (const auto& operation : end_reads) {
    if (operation.kind == operation_kind::find) {
      finding.rows.push_back(row_of(operation, segment_end_thread,
                                    describe_result(operation.kind, operation.result), ""));
    } else if (operation.kind == operation_kind::size && operation.count != present) {
      finding.rows.push_back(row_of(operation, segment_end_thread, std::to_string(operation.count),
                                    std::to_string(present)));
    } else if (operation.kind == operation_kind::empty && operation.result.flag != (present == 0)) {
      finding.rows.push_back(row_of(operation, segment_end_thread,
                                    operation.result.flag ? "true" : "false",
                                    present == 0 ? "true" : "false"));
    }
  }
  if (std::ranges::none_of(finding.rows, &witness_row::blamed)) return std::nullopt;
  finding.context.push_back("with no other thread running, size() or empty() disagrees with the " +
                            std::to_string(key_count) + " finds beside it (" +
                            std::to_string(present) + " keys present)");
  return finding;
}

}  // namespace safemap::stress::linearizability
