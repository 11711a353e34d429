// bench adapter for libcuckoo's cuckoohash_map (fine-grained striped spinlocks, cuckoo hashing).
#pragma once

#include <cstdint>
#include <optional>

#include <libcuckoo/cuckoohash_map.hh>

#include "map_adapter.hpp"

namespace safemap::bench {

class cuckoo_adapter {
 public:
  static constexpr bool thread_safe = true;
  static constexpr bool writable = true;
  static constexpr bool supports_erase = true;

  std::optional<std::uint64_t> find(std::uint64_t key) const {
    std::uint64_t value = 0;
    if (!map_.find(key, value)) return std::nullopt;
    return value;
  }
  void insert(std::uint64_t key, std::uint64_t value) { map_.insert(key, value); }
  void insert_or_assign(std::uint64_t key, std::uint64_t value) {
    map_.insert_or_assign(key, value);
  }
  void insert_or_increment(std::uint64_t key) {
    map_.upsert(key, [](std::uint64_t& count) { ++count; }, std::uint64_t{1});
  }
  void erase(std::uint64_t key) { map_.erase(key); }
  std::uint64_t value_sum() const { return sum_of_values(map_.lock_table()); }

 private:
  mutable libcuckoo::cuckoohash_map<std::uint64_t, std::uint64_t> map_;
};

}  // namespace safemap::bench
