// safemap::detail::flat_lookup_table — an immutable hash table laid out for fast lookups: the
// entries sit directly in one power-of-two array of slots, found by linear probing, at most half
// full. Built once from a std::unordered_map and never modified afterwards.
//
// Why: a lookup in std::unordered_map is a modulo by a prime plus two or three dependent pointer
// loads (bucket, node before, node); here it is a multiply, a shift and, on average, 1.5 slots
// of one contiguous array (2.5 for a miss). The tables that are read far more than written
// (frozen_map's) use it; tables that change in place keep std::unordered_map.
// Thread safety: immutable after construction, so any number of threads may read it at once.
// Exception safety: construction either completes or throws and frees everything (the source
//   entries it already moved are lost with the source, which the caller handed over by value).
// Memory: capacity = bit_ceil(2 n) slots of std::optional<std::pair<Key, Value>>.
#pragma once

#include <algorithm>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <unordered_map>
#include <utility>
#include <vector>

namespace safemap::detail {

template <class Key, class Value, class Hash, class KeyEqual>
class flat_lookup_table {
 public:
  using source_table = std::unordered_map<Key, Value, Hash, KeyEqual>;

  explicit flat_lookup_table(source_table source)
      : hash_{source.hash_function()}, equal_{source.key_eq()}, size_{source.size()},
        shift_{shift_for(capacity_for(source.size()))}, slots_(capacity_for(source.size())) {
    while (!source.empty()) {
      auto node = source.extract(source.begin());
      auto& slot = slots_[free_slot_for(node.key())];
      slot.emplace(std::move(node.key()), std::move(node.mapped()));
    }
  }

  // The value at key, or nullptr. Points into this immutable table: callers copy it out.
  const Value* find(const Key& key) const {
    for (std::size_t index = home_of(key);; index = next(index)) {
      const auto& slot = slots_[index];
      if (!slot) return nullptr;
      if (equal_(slot->first, key)) return &slot->second;
    }
  }

  std::size_t size() const { return size_; }

  template <class Visit>
  void for_each(Visit& visit) const {
    for (const auto& slot : slots_) {
      if (slot) visit(std::as_const(slot->first), std::as_const(slot->second));
    }
  }

  source_table to_unordered_map() const {
    source_table copy(size_, hash_, equal_);
    for (const auto& slot : slots_) {
      if (slot) copy.emplace(slot->first, slot->second);
    }
    return copy;
  }

 private:
  // At most half full, so probe sequences stay short and always end at an empty slot.
  static std::size_t capacity_for(std::size_t entries) {
    return std::bit_ceil(std::max<std::size_t>(2 * entries, 1));
  }
  static int shift_for(std::size_t capacity) { return 64 - std::countr_zero(capacity); }

  // The top bits of a multiplicative (Fibonacci) mix: std::hash of integers is the identity.
  std::size_t home_of(const Key& key) const {
    const auto mixed = static_cast<std::uint64_t>(hash_(key)) * 0x9E3779B97F4A7C15ULL;
    return shift_ == 64 ? 0 : static_cast<std::size_t>(mixed >> shift_);
  }
  std::size_t next(std::size_t index) const { return (index + 1) & (slots_.size() - 1); }

  std::size_t free_slot_for(const Key& key) const {
    std::size_t index = home_of(key);
    while (slots_[index]) index = next(index);
    return index;
  }

  [[no_unique_address]] Hash hash_;
  [[no_unique_address]] KeyEqual equal_;
  std::size_t size_;
  int shift_;
  std::vector<std::optional<std::pair<Key, Value>>> slots_;
};

}  // namespace safemap::detail
