// safemap::stress::differential — a program of map operations decoded from arbitrary bytes, for
// differential testing: the same program runs on a variant and on std::unordered_map (the model),
// and every result must agree (run.hpp). The libFuzzer target (fuzz_maps.cpp) feeds it fuzzed
// bytes; the unit tests, seeded pseudo-random ones.
//
// Encoding: three bytes an operation, [kind][key][argument]; a trailing partial triple is
// ignored, so every byte string is a valid program. Keys are 16 distinct values (collisions on
// purpose); the kinds are the map's operations (map/operation_kind.hpp), each with the same share
// of the 32 kind codes but `clear`, which has one, so programs build up state between clears.
// Thread safety: pure functions. Complexity: O(bytes).
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "stress/map/operation_kind.hpp"

namespace safemap::stress::differential {

struct operation {
  operation_kind kind = operation_kind::find;
  std::uint8_t key = 0;       // one of key_count keys
  std::uint8_t argument = 0;  // the value inserted or assigned, or what update / upsert add
};

inline constexpr std::size_t bytes_per_operation = 3;
inline constexpr std::uint8_t key_count = 16;

std::vector<operation> decode(std::span<const std::uint8_t> bytes);

// `insert(k3, 7)`, `find(k3)`, `size()`: one operation as a report row shows it.
std::string describe(const operation& step);

}  // namespace safemap::stress::differential
