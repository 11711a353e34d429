// The checks workers and verify() steps make. Every value the workloads write encodes its key
// (value_for), so a value read for the wrong key — a torn or stale node — is visible too.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "stress/invariants/findings.hpp"

namespace safemap::stress {

inline constexpr unsigned version_bits = 24;

constexpr std::uint64_t value_for(std::uint64_t key, std::uint64_t version) {
  return (key << version_bits) | (version & ((std::uint64_t{1} << version_bits) - 1));
}
constexpr std::uint64_t key_in(std::uint64_t value) { return value >> version_bits; }

std::string describe(const std::optional<std::uint64_t>& value);

// A value `read_by` found under `key` must have been written for `key`.
void check_consistent(findings& found, std::uint64_t key, std::uint64_t value,
                      operation_kind read_by);

// A key only this thread writes must hold exactly what this thread last wrote (or be absent);
// `actual` is what find() returned.
// `seen_by`: the operation the finding blames (its member function locates the report).
void check_owned(findings& found, std::uint64_t key, const std::optional<std::uint64_t>& actual,
                 const std::optional<std::uint64_t>& expected, std::string_view when,
                 operation_kind seen_by = operation_kind::find);

// An operation's return value must match what the thread knows about its own key.
void check_result(findings& found, operation_kind operation, std::uint64_t key, bool actual,
                  bool expected);

// Whole-map agreement after the threads are done: size() == snapshot().size() == entries
// for_each visits (== expected, when known), empty() == (size() == 0).
template <class Map>
void check_whole_map(const Map& map, findings& found, std::optional<std::size_t> expected_size,
                     bool values_encode_keys) {
  const std::size_t size = map.size();
  const std::size_t snapshot_size = map.snapshot().size();
  std::size_t visited = 0;
  map.for_each([&](std::uint64_t key, std::uint64_t value) {
    ++visited;
    if (values_encode_keys) check_consistent(found, key, value, operation_kind::for_each);
  });
  if (expected_size && size != *expected_size) {
    found.report("wrong size",
                 "size() is " + std::to_string(size) +
                     " after the run, but the threads' own bookkeeping leaves " +
                     std::to_string(*expected_size) + " keys",
                 operation_kind::size);
  }
  if (snapshot_size != size) {
    found.report("wrong size",
                 "size() is " + std::to_string(size) + " but snapshot() holds " +
                     std::to_string(snapshot_size) + " entries",
                 operation_kind::snapshot);
  }
  if (visited != size) {
    found.report("wrong size",
                 "size() is " + std::to_string(size) + " but for_each visited " +
                     std::to_string(visited) + " entries",
                 operation_kind::for_each);
  }
  if (map.empty() != (size == 0)) {
    found.report("wrong result", "empty() disagrees with size() == " + std::to_string(size),
                 operation_kind::empty);
  }
}

}  // namespace safemap::stress
