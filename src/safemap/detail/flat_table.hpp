// safemap::detail::flat_table — a mutable hash table whose entries sit directly in one
// power-of-two array of slots: linear probing, at most half full, erase by backward shift (no
// tombstones, so lookups never slow down as keys come and go). sharded_map's shards use it.
//
// Why: in std::unordered_map every lookup divides the hash by a prime bucket count (a 64-bit
//   division, tens of cycles) and then follows two or three dependent pointers (bucket, node
//   before, node); here it is a multiply, a shift and about 1.5 slots of one array (2.5 for a
//   miss). That per-operation cost is what kept sharded_map behind tbb::concurrent_hash_map even
//   on one thread.
// Requirements (flat_table_suits): Key and Value are nothrow move constructible and Hash does not
//   throw. Growing and erasing move entries between slots and rehash keys; if either could throw
//   halfway, the table would be left half moved. Callers fall back to std::unordered_map (whose
//   nodes never move) otherwise.
// Exception safety: insertions are strong: growth allocates the new array before touching the
//   old one and then only moves (which cannot throw), and the new entry is constructed in an
//   empty slot, which stays empty if that throws. insert_or_assign of a present key is as
//   strong as Value's assignment. erase and clear do not throw.
// Not thread-safe: callers guard it (detail/locked_table.hpp). Iterators and references are
//   invalidated by every insertion and erase (entries move), so nothing may hold one across
//   operations; the safemap variants never let one leave an operation anyway.
// Memory: capacity = bit_ceil(2 n) slots (at least 8 once non-empty) of
//   std::optional<std::pair<Key, Value>>; an empty table allocates nothing.
// Slot arithmetic: detail/linear_probing.hpp (shared with the immutable flat_lookup_table).
#pragma once

#include <algorithm>
#include <cstddef>
#include <iterator>
#include <optional>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

#include <safemap/detail/linear_probing.hpp>

namespace safemap::detail {

template <class Key, class Value, class Hash>
inline constexpr bool flat_table_suits =
    std::is_nothrow_move_constructible_v<Key> && std::is_nothrow_move_constructible_v<Value> &&
    std::is_nothrow_invocable_v<const Hash&, const Key&>;

// Checked by a static_assert rather than a constraint so that a variant can name flat_table in
// a std::conditional_t and only instantiate it where it suits.
template <class Key, class Value, class Hash, class KeyEqual>
class flat_table {
  static_assert(flat_table_suits<Key, Value, Hash>,
                "flat_table moves entries: Key and Value must be nothrow move constructible and "
                "Hash must not throw");
  using slot = std::optional<std::pair<Key, Value>>;

 public:
  using key_type = Key;
  using mapped_type = Value;
  using value_type = std::pair<Key, Value>;
  using size_type = std::size_t;

  // Walks the occupied slots in array order.
  template <bool IsConst>
  class basic_iterator {
    using slot_pointer = std::conditional_t<IsConst, const slot*, slot*>;

   public:
    using iterator_category = std::forward_iterator_tag;
    using value_type = flat_table::value_type;
    using difference_type = std::ptrdiff_t;
    using reference = std::conditional_t<IsConst, const value_type&, value_type&>;
    using pointer = std::conditional_t<IsConst, const value_type*, value_type*>;

    basic_iterator() = default;
    basic_iterator(slot_pointer at, slot_pointer end) : at_{at}, end_{end} { skip_empty(); }

    reference operator*() const { return **at_; }
    pointer operator->() const { return &**at_; }
    basic_iterator& operator++() {
      ++at_;
      skip_empty();
      return *this;
    }
    basic_iterator operator++(int) {
      auto before = *this;
      ++*this;
      return before;
    }
    bool operator==(const basic_iterator&) const = default;

   private:
    void skip_empty() {
      while (at_ != end_ && !*at_) ++at_;
    }

    slot_pointer at_ = nullptr;
    slot_pointer end_ = nullptr;
  };
  using iterator = basic_iterator<false>;
  using const_iterator = basic_iterator<true>;

  iterator begin() { return at(0); }
  iterator end() { return at(slots_.size()); }
  const_iterator begin() const { return at(0); }
  const_iterator end() const { return at(slots_.size()); }

  size_type size() const { return size_; }
  bool empty() const { return size_ == 0; }

  iterator find(const Key& key) { return at(index_of(key)); }
  const_iterator find(const Key& key) const { return at(index_of(key)); }
  bool contains(const Key& key) const { return index_of(key) != slots_.size(); }

  template <class... Args>
  std::pair<iterator, bool> try_emplace(const Key& key, Args&&... args) {
    if (const auto found = index_of(key); found != slots_.size()) return {at(found), false};
    reserve_for_one_more();
    const std::size_t index = free_slot_for(key, slots_);
    slots_[index].emplace(std::piecewise_construct, std::forward_as_tuple(key),
                          std::forward_as_tuple(std::forward<Args>(args)...));
    ++size_;
    return {at(index), true};
  }

  template <class V>
  std::pair<iterator, bool> emplace(const Key& key, V&& value) {
    return try_emplace(key, std::forward<V>(value));
  }

  template <class V>
  std::pair<iterator, bool> insert_or_assign(const Key& key, V&& value) {
    if (const auto found = index_of(key); found != slots_.size()) {
      slots_[found]->second = std::forward<V>(value);
      return {at(found), false};
    }
    return try_emplace(key, std::forward<V>(value));
  }

  size_type erase(const Key& key) {
    std::size_t hole = index_of(key);
    if (hole == slots_.size()) return 0;
    slots_[hole].reset();
    --size_;
    linear_probing::close_gap(
        hole, slots_.size(), [this](std::size_t index) { return slots_[index].has_value(); },
        [this](std::size_t index) { return home_of(slots_[index]->first); },
        [this](std::size_t from, std::size_t to) {
          slots_[to].emplace(std::move(*slots_[from]));
          slots_[from].reset();
        });
    return 1;
  }

  void clear() noexcept {
    slots_ = std::vector<slot>{};
    size_ = 0;
    shift_ = 64;
  }

 private:
  iterator at(std::size_t index) { return {slots_.data() + index, slots_.data() + slots_.size()}; }
  const_iterator at(std::size_t index) const {
    return {slots_.data() + index, slots_.data() + slots_.size()};
  }

  std::size_t home_of(const Key& key) const { return linear_probing::home(hash_(key), shift_); }
  std::size_t next(std::size_t index) const { return linear_probing::next(index, slots_.size()); }

  // The slot holding key, or slots_.size() when absent.
  std::size_t index_of(const Key& key) const {
    if (size_ == 0) return slots_.size();
    for (std::size_t index = home_of(key);; index = next(index)) {
      const slot& each = slots_[index];
      if (!each) return slots_.size();
      if (equal_(each->first, key)) return index;
    }
  }

  // The first empty slot of key's probe sequence in `slots` (sized with shift_).
  std::size_t free_slot_for(const Key& key, const std::vector<slot>& slots) const {
    std::size_t index = home_of(key);
    while (slots[index]) index = linear_probing::next(index, slots.size());
    return index;
  }

  // Grows before an insertion would make the table more than half full. The new array is
  // allocated first (if that throws, nothing changed); moving the entries cannot throw.
  void reserve_for_one_more() {
    const std::size_t capacity = std::max<std::size_t>(linear_probing::capacity_for(size_ + 1), 8);
    if (capacity <= slots_.size()) return;
    std::vector<slot> bigger(capacity);
    shift_ = linear_probing::shift_for(capacity);
    for (slot& each : slots_) {
      if (each) bigger[free_slot_for(each->first, bigger)].emplace(std::move(*each));
    }
    slots_ = std::move(bigger);
  }

  [[no_unique_address]] Hash hash_;
  [[no_unique_address]] KeyEqual equal_;
  std::size_t size_ = 0;
  int shift_ = 64;
  std::vector<slot> slots_;
};

}  // namespace safemap::detail
