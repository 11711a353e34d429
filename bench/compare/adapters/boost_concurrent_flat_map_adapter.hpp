// bench adapter for boost::concurrent_flat_map (Boost >= 1.83): Boost.Unordered's open-addressing
// table with a reader-writer lock per group of 15 slots and no iterators at all. Every operation
// goes through its visitation API, the only one it has: cvisit for lookups (the value is copied
// out under the group's shared lock), try_emplace_or_visit for the atomic increment, and the
// member insert_or_assign and erase, which lock internally.
#pragma once

#include <cstdint>
#include <optional>

#include <boost/unordered/concurrent_flat_map.hpp>

#include "map_adapter.hpp"

namespace safemap::bench {

class boost_concurrent_flat_map_adapter {
  using map_type = boost::concurrent_flat_map<std::uint64_t, std::uint64_t>;

 public:
  static constexpr bool thread_safe = true;
  static constexpr bool writable = true;
  static constexpr bool supports_erase = true;

  std::optional<std::uint64_t> find(std::uint64_t key) const {
    std::optional<std::uint64_t> value;
    map_.cvisit(key, [&value](const map_type::value_type& entry) { value = entry.second; });
    return value;
  }
  void insert(std::uint64_t key, std::uint64_t value) { map_.try_emplace(key, value); }
  void insert_or_assign(std::uint64_t key, std::uint64_t value) {
    map_.insert_or_assign(key, value);
  }
  void insert_or_increment(std::uint64_t key) {
    map_.try_emplace_or_visit(key, std::uint64_t{1},
                              [](map_type::value_type& entry) { ++entry.second; });
  }
  void erase(std::uint64_t key) { map_.erase(key); }
  std::uint64_t value_sum() const {
    std::uint64_t sum = 0;
    map_.cvisit_all([&sum](const map_type::value_type& entry) { sum += entry.second; });
    return sum;
  }

 private:
  map_type map_;
};

}  // namespace safemap::bench
