// map/: what the map under test offers: its operations, where it implements them
//
// The operations of safemap::concurrent_map, by name: the words findings use for the operation
// that showed a bug, and the vocabulary of recorded histories.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>

namespace safemap::stress {

enum class operation_kind : std::uint8_t {
  find,
  contains,
  insert,
  insert_or_assign,
  erase,
  update,
  upsert,
  clear,
  for_each,
  snapshot,
  size,
  empty,
};

inline constexpr std::array<std::string_view, 12> operation_names{
    "find",   "contains", "insert",   "insert_or_assign", "erase", "update",
    "upsert", "clear",    "for_each", "snapshot",         "size",  "empty"};

constexpr std::string_view name_of(operation_kind kind) {
  return operation_names[static_cast<std::size_t>(kind)];
}

}  // namespace safemap::stress
