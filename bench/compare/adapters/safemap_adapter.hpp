// bench::safemap_adapter — any safemap variant, through its public API only.
//
// Variants that can be built from a whole table (frozen_map, read_mostly_map: the ones whose
// writes are expensive or absent) are prefilled the way their users fill them: entries staged,
// then one construction. The others are prefilled with insert(). Write operations exist only
// for variants that model safemap::concurrent_map.
#pragma once

#include <concepts>
#include <cstdint>
#include <optional>
#include <utility>

#include <safemap/concurrent_map.hpp>

namespace safemap::bench {

template <class Map>
  requires readable_map<Map>
class safemap_adapter {
  static constexpr bool built_whole = std::constructible_from<Map, snapshot_t<Map>>;

 public:
  static constexpr bool thread_safe = true;
  static constexpr bool writable = concurrent_map<Map>;
  static constexpr bool supports_erase = concurrent_map<Map>;

  safemap_adapter() {
    if constexpr (!built_whole) map_.emplace();
  }

  std::optional<std::uint64_t> find(std::uint64_t key) const { return map_->find(key); }

  void insert(std::uint64_t key, std::uint64_t value) {
    if constexpr (built_whole) {
      staged_.try_emplace(key, value);
    } else {
      map_->insert(key, value);
    }
  }

  void finish_prefill() {
    if constexpr (built_whole) map_.emplace(std::move(staged_));
  }

  void insert_or_assign(std::uint64_t key, std::uint64_t value)
    requires concurrent_map<Map>
  {
    map_->insert_or_assign(key, value);
  }
  void insert_or_increment(std::uint64_t key)
    requires concurrent_map<Map>
  {
    map_->upsert(key, [] { return std::uint64_t{1}; }, [](std::uint64_t& count) { ++count; });
  }
  void erase(std::uint64_t key)
    requires concurrent_map<Map>
  {
    map_->erase(key);
  }

  std::uint64_t value_sum() const {
    std::uint64_t sum = 0;
    map_->for_each([&sum](std::uint64_t, std::uint64_t value) { sum += value; });
    return sum;
  }

 private:
  snapshot_t<Map> staged_;  // prefill entries of a built_whole map, until finish_prefill()
  std::optional<Map> map_;
};

}  // namespace safemap::bench
