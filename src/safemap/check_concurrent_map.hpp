// safemap::check_concurrent_map<Map>(): every unmet requirement of safemap::concurrent_map, at
// once, each with what to write.
//
// A type that misses a concept gets one diagnostic from the compiler, for the first clause it
// tried; fixing a component took one compile per missing piece (first `hasher`, then
// `key_equal`, then a return type). Here each requirement is asserted on its own, so one compile
// lists them all. The stress driver calls it for every registered variant; call it in your own
// tests too:
//
//   static_assert(safemap::check_concurrent_map<my::map<std::uint64_t, std::uint64_t>>());
#pragma once

#include <concepts>

#include <safemap/concurrent_map.hpp>

namespace safemap {

template <class Map>
consteval bool check_concurrent_map() {
  using namespace requirement;
  static_assert(member_types<Map>,
                "concurrent_map: declare the member types key_type, mapped_type, hasher and "
                "key_equal (the other requirements are checked with them)");
  static_assert(std::default_initializable<Map>, "concurrent_map: needs a default constructor");
  static_assert(find<Map>,
                "concurrent_map: needs `std::optional<mapped_type> find(const key_type&) "
                "const` (a copy out, never a pointer in)");
  static_assert(contains<Map>, "concurrent_map: needs `bool contains(const key_type&) const`");
  static_assert(size<Map>,
                "concurrent_map: needs `std::size_t size() const` and `bool empty() const`");
  static_assert(for_each<Map>,
                "concurrent_map: needs `void for_each(F fn) const` calling fn(const key_type&, "
                "const mapped_type&) for each entry");
  static_assert(snapshot<Map>,
                "concurrent_map: needs `std::unordered_map<key_type, mapped_type, hasher, "
                "key_equal> snapshot() const` (safemap::snapshot_t<Map>)");
  static_assert(insert<Map>,
                "concurrent_map: needs `bool insert(const key_type&, mapped_type)`: "
                "adds only when absent, true when it added");
  static_assert(insert_or_assign<Map>,
                "concurrent_map: needs `bool insert_or_assign(const key_type&, mapped_type)`: true "
                "when it added, false when it replaced (the harness checks this at run time)");
  static_assert(erase<Map>,
                "concurrent_map: needs `bool erase(const key_type&)` (true when the "
                "key was there) and `void clear()`");
  static_assert(update<Map>,
                "concurrent_map: needs `bool update(const key_type&, F fn)`: fn(mapped_type&) on "
                "the present value under the map's guard, false when absent");
  static_assert(upsert<Map>,
                "concurrent_map: needs `bool upsert(const key_type&, Make make, F fn)`: inserts "
                "make() when absent (true), else fn(mapped_type&) on the present value (false); "
                "the harness checks the returned bool at run time");
  return concurrent_map<Map>;
}

}  // namespace safemap
