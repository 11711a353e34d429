// bench::op_stream — the pre-generated operations of one workload, and the keys they use.
//
// Keys are 64-bit values scattered over the whole key space (a bijective mix of the key's index),
// so maps whose std::hash is the identity see well-spread hashes and no map gets an easy or an
// adversarial key pattern. Key index i < key_count is in the key set; key_count + i is its
// "missing" twin, never inserted. Streams are generated once per workload, deterministically
// (fixed seed), and shared read-only by all threads and maps.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "workload.hpp"

namespace safemap::bench {

struct op {
  std::uint64_t key;
  op_kind kind;
};

// splitmix64's finaliser: a bijection on 64-bit integers with full avalanche.
constexpr std::uint64_t key_of(std::uint64_t index) {
  std::uint64_t x = index + 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

// Whether key index `index` is in the map before the clock starts.
constexpr bool present_at_start(initial_state start, std::uint64_t index) {
  switch (start) {
    case initial_state::empty: return false;
    case initial_state::full: return true;
    case initial_state::two_thirds: return index % 3 != 0;
  }
  return false;
}

// The stream of `load`, generated on first use and kept for the rest of the process.
// Thread-safe; the returned span stays valid until the process exits.
std::span<const op> op_stream(const workload& load);

// How many insert_or_increment operations `stream` holds: the value sum they must leave behind.
std::uint64_t count_increments(std::span<const op> stream);

// The part of `stream` that thread `thread_index` of `thread_count` replays: its contiguous
// share, of which only the first 1/divisor when the map asks for less (see ops_divisor()).
inline std::span<const op> thread_share(std::span<const op> stream, int thread_index,
                                        int thread_count, std::uint64_t divisor = 1) {
  const auto begin = stream.size() * static_cast<std::size_t>(thread_index) /
                     static_cast<std::size_t>(thread_count);
  const auto end = stream.size() * static_cast<std::size_t>(thread_index + 1) /
                   static_cast<std::size_t>(thread_count);
  const auto length = (end - begin + divisor - 1) / divisor;
  return stream.subspan(begin, length);
}

}  // namespace safemap::bench
