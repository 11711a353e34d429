// bench adapters for oneTBB's two concurrent maps, used the way TBB's documentation shows.
//
// Both take the allocator as a parameter: benchmarked with TBB's default, tbb::tbb_allocator
// (tbbmalloc when installed, which operator new never sees), and measured for bytes per entry
// with std::allocator in its place (memory_footprint.hpp's footprint_stand_in).
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <utility>

#include <oneapi/tbb/concurrent_hash_map.h>
#include <oneapi/tbb/concurrent_unordered_map.h>
#include <oneapi/tbb/tbb_allocator.h>

#include "map_adapter.hpp"

namespace safemap::bench {

// tbb::concurrent_hash_map: per-element reader/writer locks held by accessors.
template <class Allocator = tbb::tbb_allocator<std::pair<const std::uint64_t, std::uint64_t>>>
class tbb_hash_map_adapter {
  using map_type = tbb::concurrent_hash_map<std::uint64_t, std::uint64_t,
                                            tbb::tbb_hash_compare<std::uint64_t>, Allocator>;

 public:
  using footprint_stand_in =
      tbb_hash_map_adapter<std::allocator<std::pair<const std::uint64_t, std::uint64_t>>>;
  static constexpr bool thread_safe = true;
  static constexpr bool writable = true;
  static constexpr bool supports_erase = true;

  std::optional<std::uint64_t> find(std::uint64_t key) const {
    typename map_type::const_accessor element;
    if (!map_.find(element, key)) return std::nullopt;
    return element->second;
  }
  void insert(std::uint64_t key, std::uint64_t value) { map_.insert({key, value}); }
  void insert_or_assign(std::uint64_t key, std::uint64_t value) {
    typename map_type::accessor element;
    map_.insert(element, key);
    element->second = value;
  }
  void insert_or_increment(std::uint64_t key) {
    typename map_type::accessor element;
    map_.insert(element, key);  // value-initialised to 0 when absent
    ++element->second;
  }
  void erase(std::uint64_t key) { map_.erase(key); }
  std::uint64_t value_sum() const { return sum_of_values(map_); }

 private:
  map_type map_;
};

// tbb::concurrent_unordered_map: lock-free insert and lookup, no concurrent erase; values are
// atomics because the map itself does not guard them.
template <class Allocator =
              tbb::tbb_allocator<std::pair<const std::uint64_t, std::atomic<std::uint64_t>>>>
class tbb_unordered_map_adapter {
  using map_type = tbb::concurrent_unordered_map<std::uint64_t, std::atomic<std::uint64_t>,
                                                 std::hash<std::uint64_t>,
                                                 std::equal_to<std::uint64_t>, Allocator>;

 public:
  using footprint_stand_in = tbb_unordered_map_adapter<
      std::allocator<std::pair<const std::uint64_t, std::atomic<std::uint64_t>>>>;
  static constexpr bool thread_safe = true;
  static constexpr bool writable = true;
  static constexpr bool supports_erase = false;  // only unsafe_erase exists

  std::optional<std::uint64_t> find(std::uint64_t key) const {
    const auto found = map_.find(key);
    if (found == map_.end()) return std::nullopt;
    return found->second.load(std::memory_order_relaxed);
  }
  void insert(std::uint64_t key, std::uint64_t value) { map_.emplace(key, value); }
  void insert_or_assign(std::uint64_t key, std::uint64_t value) {
    slot(key).store(value, std::memory_order_relaxed);
  }
  void insert_or_increment(std::uint64_t key) { slot(key).fetch_add(1, std::memory_order_relaxed); }
  std::uint64_t value_sum() const { return sum_of_values(map_); }

 private:
  // Looks up first: emplace would allocate a node even when the key is present.
  std::atomic<std::uint64_t>& slot(std::uint64_t key) {
    const auto found = map_.find(key);
    if (found != map_.end()) return found->second;
    return map_.emplace(key, 0).first->second;
  }

  map_type map_;
};

}  // namespace safemap::bench
