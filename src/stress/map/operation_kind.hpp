// map/: what the map under test offers: its operations, where it implements them
//
// The operations of safemap::concurrent_map, listed once: the words findings use for the
// operation that showed a bug, the vocabulary of recorded histories and differential programs,
// and the members operation_sites.hpp locates. Everything that handles each operation (the
// recorded calls, the sequential model, the differential programs, operation_sites) switches
// over operation_kind without a default, so a new operation that one of them misses does not
// compile (-Wswitch, warnings as errors), and operation_sites_test fails for one without a site.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>

namespace safemap::stress {

// X(name) for every operation, in the order of the enum below.
#define SAFEMAP_STRESS_MAP_OPERATIONS(X) \
  X(find)                                \
  X(contains)                            \
  X(insert)                              \
  X(insert_or_assign)                    \
  X(erase)                               \
  X(update)                              \
  X(upsert)                              \
  X(clear)                               \
  X(for_each)                            \
  X(snapshot)                            \
  X(size)                                \
  X(empty)

#define SAFEMAP_STRESS_ENUMERATOR(name) name,
enum class operation_kind : std::uint8_t {
  SAFEMAP_STRESS_MAP_OPERATIONS(SAFEMAP_STRESS_ENUMERATOR)
};
#undef SAFEMAP_STRESS_ENUMERATOR

#define SAFEMAP_STRESS_KIND(name) operation_kind::name,
inline constexpr std::array all_operations{SAFEMAP_STRESS_MAP_OPERATIONS(SAFEMAP_STRESS_KIND)};
#undef SAFEMAP_STRESS_KIND

#define SAFEMAP_STRESS_NAME(name) std::string_view{#name},
inline constexpr std::array operation_names{SAFEMAP_STRESS_MAP_OPERATIONS(SAFEMAP_STRESS_NAME)};
#undef SAFEMAP_STRESS_NAME

constexpr std::string_view name_of(operation_kind kind) {
  return operation_names[static_cast<std::size_t>(kind)];
}

}  // namespace safemap::stress
