// bench adapter for greg7mdp's parallel hash maps with an internal mutex:
// phmap::parallel_flat_hash_map_m and its C++20 successor gtl::parallel_flat_hash_map_m
// (parallel_flat_hash_map<K, V, Hash, Eq, Alloc, 4, std::mutex>: 16 SwissTable submaps, each
// behind its own std::mutex). Both spell the same thread-safe API, so one template serves both.
//
// Only the member functions that lock the submap for the whole operation and never hand out an
// iterator or a reference are used: if_contains (lookup, the value copied out under the lock),
// try_emplace_l (insert, or run the lambda on the existing value: insert_or_assign and the
// atomic increment), erase and for_each. find() and operator[] return iterators and references
// that outlive the lock, which is unsafe with concurrent writers.
#pragma once

#include <cstdint>
#include <optional>

#include "map_adapter.hpp"

namespace safemap::bench {

template <class Map>
class parallel_hash_map_adapter {
  using value_type = typename Map::value_type;

 public:
  static constexpr bool thread_safe = true;
  static constexpr bool writable = true;
  static constexpr bool supports_erase = true;

  std::optional<std::uint64_t> find(std::uint64_t key) const {
    std::optional<std::uint64_t> value;
    map_.if_contains(key, [&value](const value_type& entry) { value = entry.second; });
    return value;
  }
  void insert(std::uint64_t key, std::uint64_t value) {
    map_.try_emplace_l(key, [](value_type&) {}, value);
  }
  void insert_or_assign(std::uint64_t key, std::uint64_t value) {
    map_.try_emplace_l(key, [value](value_type& entry) { entry.second = value; }, value);
  }
  void insert_or_increment(std::uint64_t key) {
    map_.try_emplace_l(key, [](value_type& entry) { ++entry.second; }, std::uint64_t{1});
  }
  void erase(std::uint64_t key) { map_.erase(key); }
  std::uint64_t value_sum() const {
    std::uint64_t sum = 0;
    map_.for_each([&sum](const value_type& entry) { sum += entry.second; });
    return sum;
  }

 private:
  Map map_;
};

}  // namespace safemap::bench
