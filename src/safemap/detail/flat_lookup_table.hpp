// safemap::detail::flat_lookup_table — an immutable hash table laid out for fast lookups: the
// entries sit directly in one power-of-two array of slots, found by linear probing, at most half
// full. Built once from a std::unordered_map and never modified afterwards.
//
// Why: a lookup in std::unordered_map is a modulo by a prime plus two or three dependent pointer
// loads (bucket, node before, node); here it is a multiply, a shift and, on average, 1.5 slots
// of one contiguous array (2.5 for a miss). The tables that are read far more than written
// (frozen_map's, read_mostly_map's) use it; sharded_map's shards, which change in place, use the
// mutable flat_table.
// Thread safety: immutable after construction, so any number of threads may read it at once.
// Exception safety: construction either completes or throws and frees everything (the source
//   entries it already moved are lost with the source, which the caller handed over by value).
// Slot arithmetic: detail/linear_probing.hpp (shared with the mutable flat_table).
// Memory: capacity = bit_ceil(2 n) slots of std::optional<std::pair<Key, Value>>.
#pragma once

#include <cstddef>
#include <optional>
#include <unordered_map>
#include <utility>
#include <vector>

#include <safemap/detail/linear_probing.hpp>

namespace safemap::detail {

template <class Key, class Value, class Hash, class KeyEqual>
class flat_lookup_table {
 public:
  using source_table = std::unordered_map<Key, Value, Hash, KeyEqual>;

  explicit flat_lookup_table(source_table source)
      : hash_{source.hash_function()},
        equal_{source.key_eq()},
        size_{source.size()},
        shift_{shift_for(capacity_for(source.size()))},
        slots_(capacity_for(source.size())) {
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
  static std::size_t capacity_for(std::size_t entries) {
    return linear_probing::capacity_for(entries);
  }
  static int shift_for(std::size_t capacity) { return linear_probing::shift_for(capacity); }

  std::size_t home_of(const Key& key) const { return linear_probing::home(hash_(key), shift_); }
  std::size_t next(std::size_t index) const { return linear_probing::next(index, slots_.size()); }

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
