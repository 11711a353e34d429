#include "stress/linearizability/history.hpp"

#include <algorithm>

namespace safemap::stress::linearizability {
namespace {

key_operation as_seen_by_key(const recorded_operation& operation) {
  return {.kind = operation.kind,
          .argument = operation.argument,
          .initial = operation.initial,
          .callback_throws = operation.callback_throws,
          .result = operation.result,
          .invoked = operation.invoked,
          .responded = operation.responded,
          .thread = operation.thread};
}

}  // namespace

std::vector<std::vector<key_operation>> project_by_key(std::span<const thread_history> histories,
                                                       std::uint64_t key_count) {
  std::vector<std::vector<key_operation>> by_key(key_count);
  for (const auto& history : histories) {
    for (const auto& operation : history.operations()) {
      switch (operation.kind) {
        case operation_kind::size:
        case operation_kind::empty: break;
        case operation_kind::clear:
          for (auto& key_history : by_key) key_history.push_back(as_seen_by_key(operation));
          break;
        case operation_kind::for_each:
        case operation_kind::snapshot:
          for (std::uint64_t key = 0; key < key_count; ++key) {
            auto seen = as_seen_by_key(operation);
            const auto entry = std::ranges::find(operation.entries, key,
                                                 &std::pair<std::uint64_t, std::uint64_t>::first);
            seen.result = operation_result::read(entry == operation.entries.end()
                                                     ? std::nullopt
                                                     : std::optional<std::uint64_t>{entry->second});
            by_key[key].push_back(seen);
          }
          break;
        default:
          if (operation.key < key_count) by_key[operation.key].push_back(as_seen_by_key(operation));
      }
    }
  }
  for (auto& key_history : by_key) std::ranges::sort(key_history, {}, &key_operation::invoked);
  return by_key;
}

}  // namespace safemap::stress::linearizability
