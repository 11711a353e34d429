// bench::unsynchronized_adapter — a plain single-threaded hash map with no synchronisation at
// all: the limit a concurrent map is measured against (std::unordered_map, what the code did
// before it needed threads, and boost::unordered_flat_map, the fastest open-addressing table in
// reach). Only ever run by one thread.
#pragma once

#include <cstdint>
#include <optional>

#include "map_adapter.hpp"

namespace safemap::bench {

template <class Map>
class unsynchronized_adapter {
 public:
  static constexpr bool thread_safe = false;
  static constexpr bool writable = true;
  static constexpr bool supports_erase = true;

  std::optional<std::uint64_t> find(std::uint64_t key) const {
    const auto found = map_.find(key);
    if (found == map_.end()) return std::nullopt;
    return found->second;
  }
  void insert(std::uint64_t key, std::uint64_t value) { map_.try_emplace(key, value); }
  void insert_or_assign(std::uint64_t key, std::uint64_t value) {
    map_.insert_or_assign(key, value);
  }
  void insert_or_increment(std::uint64_t key) { ++map_[key]; }
  void erase(std::uint64_t key) { map_.erase(key); }
  std::uint64_t value_sum() const { return sum_of_values(map_); }

 private:
  Map map_;
};

}  // namespace safemap::bench
