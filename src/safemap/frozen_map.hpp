// safemap::frozen_map — built once, then never changed, and shared read-only by any number of
// threads (the init-once pattern: build at start-up, then publish).
//
// Why only readable_map, not concurrent_map: it has no writes at all. Offering insert / erase
//   that throw or do nothing would pass a compile-time check and then fail at run time; leaving
//   them out makes "someone writes to the frozen configuration" a compile error instead.
// Thread safety: every member is const and touches only an immutable table, so any number of
//   threads may call anything at once with no synchronisation at all. Copies share the table
//   (a std::shared_ptr<const table>), so handing a copy to each thread is cheap and safe.
//   Construction is not concurrent with anything: publish the finished frozen_map to other
//   threads the usual way (before starting them, through a mutex, an atomic, a future...).
// Re-entry: a callback may call back into a frozen_map freely: there is no lock to deadlock on.
// Exception safety: construction is all-or-nothing; reads that throw (a throwing copy of V)
//   change nothing.
// Complexity: O(n) to build; find / contains O(1) average; size / empty O(1); for_each and
//   snapshot O(n). Never waits. The table is a flat open-addressing one
//   (detail/flat_lookup_table.hpp): a lookup reads about one slot of one array, not a chain of
//   nodes, so frozen_map reads at the speed of the fastest single-threaded tables.
// for_each: iterates the one immutable table (trivially consistent).
// Choose it: the data is fully known before threads start using it (configuration, lookup
//   tables, dictionaries) — the fastest and simplest option there is. If it must change now
//   and then, read_mostly_map.
#pragma once

#include <cstddef>
#include <functional>
#include <initializer_list>
#include <iterator>
#include <memory>
#include <optional>
#include <unordered_map>
#include <utility>

#include <safemap/detail/flat_lookup_table.hpp>

namespace safemap {

template <class Key, class Value, class Hash = std::hash<Key>, class KeyEqual = std::equal_to<Key>>
class frozen_map {
 public:
  using key_type = Key;
  using mapped_type = Value;
  using hasher = Hash;
  using key_equal = KeyEqual;
  using table_type = std::unordered_map<Key, Value, Hash, KeyEqual>;

  frozen_map() : frozen_map(table_type{}) {}
  explicit frozen_map(table_type table)
      : table_{std::make_shared<const lookup_table>(std::move(table))} {}
  frozen_map(std::initializer_list<std::pair<const Key, Value>> entries)
      : frozen_map(table_type(entries)) {}
  template <std::input_iterator Iterator, std::sentinel_for<Iterator> Sentinel>
  frozen_map(Iterator first, Sentinel last) : frozen_map(table_type(first, last)) {}

  std::optional<Value> find(const Key& key) const {
    if (const Value* value = table_->find(key)) return *value;
    return std::nullopt;
  }

  bool contains(const Key& key) const { return table_->find(key) != nullptr; }
  std::size_t size() const { return table_->size(); }
  bool empty() const { return table_->size() == 0; }

  template <class Visit>
  void for_each(Visit&& visit) const {
    table_->for_each(visit);
  }

  table_type snapshot() const { return table_->to_unordered_map(); }

 private:
  using lookup_table = detail::flat_lookup_table<Key, Value, Hash, KeyEqual>;
  std::shared_ptr<const lookup_table> table_;
};

}  // namespace safemap
