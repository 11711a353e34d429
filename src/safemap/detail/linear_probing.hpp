// safemap::detail::linear_probing — the slot arithmetic shared by the flat (open-addressing)
// tables: a power-of-two array of slots kept at most half full, so probe sequences stay short
// and always end at an empty slot. Users: flat_lookup_table (immutable), flat_table (mutable,
// behind a lock) and optimistic_table (mutable, read without a lock).
//
// A key's home slot is taken from the top bits of a multiplicative (Fibonacci) mix of its hash:
// std::hash of integers is the identity, so its own low bits would pile keys such as 0, 8, 16...
// into a few slots. From home a probe steps one slot at a time, wrapping at the end.
#pragma once

#include <algorithm>
#include <bit>
#include <cstddef>
#include <cstdint>

namespace safemap::detail::linear_probing {

// Slots for `entries` entries: at least twice as many, a power of two.
inline std::size_t capacity_for(std::size_t entries) {
  return std::bit_ceil(std::max<std::size_t>(2 * entries, 1));
}

// The right shift that turns a 64-bit mix into a slot index of a `capacity`-slot array.
inline int shift_for(std::size_t capacity) { return 64 - std::countr_zero(capacity); }

inline std::uint64_t mix(std::size_t hash) {
  return static_cast<std::uint64_t>(hash) * 0x9E3779B97F4A7C15ULL;
}

inline std::size_t home(std::size_t hash, int shift) {
  return shift == 64 ? 0 : static_cast<std::size_t>(mix(hash) >> shift);
}

// A non-zero byte of the mix that home() does not use (home takes the top bits): tables that
// keep one control byte per slot compare it before they compare keys.
inline std::uint8_t tag(std::size_t hash) {
  return static_cast<std::uint8_t>(0x80 | (mix(hash) & 0x7F));
}

inline std::size_t next(std::size_t index, std::size_t capacity) {
  return (index + 1) & (capacity - 1);
}

// Erase by backward shift, after the entry at `hole` was removed: walks the run after the hole;
// an entry whose home is not cyclically between the hole and itself moves back into the hole
// (move_entry(from, to) leaves `from` empty), which keeps every entry reachable from its home
// without gaps, and without tombstones that would slow later lookups.
// occupied(index) and home_at(index) read the table; the tables differ in how they store slots.
template <class Occupied, class HomeAt, class MoveEntry>
void close_gap(std::size_t hole, std::size_t capacity, Occupied occupied, HomeAt home_at,
               MoveEntry move_entry) {
  const std::size_t mask = capacity - 1;
  for (std::size_t index = next(hole, capacity); occupied(index); index = next(index, capacity)) {
    const std::size_t home = home_at(index);
    if (((index - home) & mask) >= ((index - hole) & mask)) {
      move_entry(index, hole);
      hole = index;
    }
  }
}

}  // namespace safemap::detail::linear_probing
