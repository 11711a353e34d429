// mixed(seed, number): the seed of the number-th thing drawn under `seed` (splitmix64's mix), so
// that seeds s and s + 1 begin unrelated sequences, not one sequence shifted by one: schedule i of
// an exploration (explore/explore.cpp), scenario n of an object's (object/draw.hpp).
#pragma once

#include <cstdint>

namespace safemap::stress {

inline std::uint64_t mixed(std::uint64_t seed, std::uint64_t number) {
  std::uint64_t value = seed + (number + 1) * 0x9e3779b97f4a7c15ULL;
  value = (value ^ (value >> 30U)) * 0xbf58476d1ce4e5b9ULL;
  value = (value ^ (value >> 27U)) * 0x94d049bb133111ebULL;
  return value ^ (value >> 31U);
}

}  // namespace safemap::stress
