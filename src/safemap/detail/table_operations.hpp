// safemap::detail — the read-modify-write steps every variant performs on a plain
// std::unordered_map once it has made access to that table safe (under a lock, on a private
// copy, or on the owner thread). Written once here so the variants differ only in how they
// make access safe.
#pragma once

#include <optional>
#include <utility>

namespace safemap::detail {

// A copy of the value at key, or nullopt: nothing that points into the table leaves.
template <class Table, class Key>
std::optional<typename Table::mapped_type> copy_of(const Table& table, const Key& key) {
  auto found = table.find(key);
  if (found == table.end()) return std::nullopt;
  return found->second;
}

// mutate(value) on the present value; false (mutate not called) if key is absent.
template <class Table, class Key, class Mutate>
bool update_in(Table& table, const Key& key, Mutate& mutate) {
  auto found = table.find(key);
  if (found == table.end()) return false;
  mutate(found->second);
  return true;
}

// Inserts make() if key is absent (true), otherwise mutate(value) (false).
template <class Table, class Key, class Make, class Mutate>
bool upsert_in(Table& table, const Key& key, Make& make, Mutate& mutate) {
  auto found = table.find(key);
  if (found == table.end()) {
    table.emplace(key, make());
    return true;
  }
  mutate(found->second);
  return false;
}

}  // namespace safemap::detail
