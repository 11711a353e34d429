// bench::safemap_adapter — any safemap::concurrent_map, through its public API only.
#pragma once

#include <cstdint>
#include <optional>

#include <safemap/concurrent_map.hpp>

namespace safemap::bench {

template <class Map>
  requires concurrent_map<Map>
class safemap_adapter {
 public:
  static constexpr bool thread_safe = true;
  static constexpr bool writable = true;
  static constexpr bool supports_erase = true;

  std::optional<std::uint64_t> find(std::uint64_t key) const { return map_.find(key); }
  void insert(std::uint64_t key, std::uint64_t value) { map_.insert(key, value); }
  void insert_or_assign(std::uint64_t key, std::uint64_t value) {
    map_.insert_or_assign(key, value);
  }
  void insert_or_increment(std::uint64_t key) {
    map_.upsert(key, [] { return std::uint64_t{1}; }, [](std::uint64_t& count) { ++count; });
  }
  void erase(std::uint64_t key) { map_.erase(key); }

  std::uint64_t value_sum() const {
    std::uint64_t sum = 0;
    map_.for_each([&sum](std::uint64_t, std::uint64_t value) { sum += value; });
    return sum;
  }

 private:
  Map map_;
};

}  // namespace safemap::bench
