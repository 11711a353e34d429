// operation_sites: where a map type implements each of its operations, so that a finding of the
// invariant or linearizability oracle (which knows the operation, not the line) points at the
// component's own member function: its file:line from the program's debug info.
//
// How: each member function's address, taken through a pointer to member (which also makes the
// compiler emit it out of line), is looked up in the DWARF line table when a report is printed
// (libbacktrace, in-process; see operation_sites.cpp). An operation whose member cannot be named
// with one of the usual signatures (an unusual overload set, a virtual function) has no site:
// its report lists one frame fewer. An inherited member resolves to the base class's function,
// the code that really runs.
//
// Assumes the Itanium C++ ABI (g++ and clang on Linux): a pointer to a non-virtual member
// function holds the function's address in its first word.
#pragma once

#include <array>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <initializer_list>
#include <optional>
#include <utility>

#include "stress/map/operation_kind.hpp"
#include "stress/report.hpp"

namespace safemap::stress {

// The callbacks the workloads hand to update, upsert and for_each (the stress harness runs maps
// from std::uint64_t to std::uint64_t): a member template is located through its instance for
// them, the code the workloads run. Other callers name their own callback types to of().
struct add_amount {
  std::uint64_t amount = 1;
  void operator()(std::uint64_t& value) const { value += amount; }
};
struct make_value {
  std::uint64_t value = 1;
  std::uint64_t operator()() const { return value; }
};
struct ignore_entry {
  void operator()(std::uint64_t, std::uint64_t) const {}
};

class operation_sites {
 public:
  // Mutate, Make, Visit: the types of the callbacks passed to update, upsert and for_each; the
  // member templates are instantiated for them, so they must fit Map's key and value types.
  template <class Map, class Mutate = add_amount, class Make = make_value,
            class Visit = ignore_entry>
  static operation_sites of();

  // The member function behind `kind`, symbolized; nothing when unknown.
  std::optional<frame> frame_of(operation_kind kind) const;
  // The stack of a finding that the result of `kind` showed (the invariant oracle's, the
  // differential programs'): `Shown by the result of <operation>:` and that one frame.
  std::optional<stack> shown_by(operation_kind kind) const;

 private:
  std::array<std::uintptr_t, all_operations.size()> addresses_{};
};

namespace detail {

template <class Member>
std::uintptr_t code_address(Member member) {
  static_assert(sizeof(Member) == 2 * sizeof(std::uintptr_t), "expects the Itanium C++ ABI");
  const auto words = std::bit_cast<std::array<std::uintptr_t, 2>>(member);
  return (words[0] & 1) != 0 ? 0 : words[0];  // odd: a virtual function's vtable offset
}

inline std::uintptr_t first_found(std::initializer_list<std::uintptr_t> candidates) {
  for (std::uintptr_t address : candidates) {
    if (address != 0) return address;
  }
  return 0;
}

// address_of_<member><Map, Signature>(): Map::<member> as that pointer-to-member type (a member
// template is deduced from it), or 0 when it cannot be named so.
#define SAFEMAP_STRESS_MEMBER_PROBE(member)                             \
  template <class Map, class Signature>                                 \
  std::uintptr_t address_of_##member() {                                \
    if constexpr (requires { static_cast<Signature>(&Map::member); }) { \
      return code_address(static_cast<Signature>(&Map::member));        \
    } else {                                                            \
      return 0;                                                         \
    }                                                                   \
  }
SAFEMAP_STRESS_MAP_OPERATIONS(SAFEMAP_STRESS_MEMBER_PROBE)
#undef SAFEMAP_STRESS_MEMBER_PROBE

}  // namespace detail

template <class Map, class Mutate, class Make, class Visit>
operation_sites operation_sites::of() {
  using namespace detail;
  using K = typename Map::key_type;
  using V = typename Map::mapped_type;
  using M = Map;
  using snapshot_type = decltype(std::declval<const Map&>().snapshot());
  using write = bool (M::*)(const K&, V);
  using write_by_reference = bool (M::*)(const K&, const V&);
  using keyed = bool (M::*)(const K&);
  operation_sites sites;
  const auto at = [&](operation_kind kind) -> std::uintptr_t& {
    return sites.addresses_[static_cast<std::size_t>(kind)];
  };
  at(operation_kind::find) = address_of_find<M, std::optional<V> (M::*)(const K&) const>();
  at(operation_kind::contains) = address_of_contains<M, bool (M::*)(const K&) const>();
  at(operation_kind::insert) =
      first_found({address_of_insert<M, write>(), address_of_insert<M, write_by_reference>()});
  at(operation_kind::insert_or_assign) =
      first_found({address_of_insert_or_assign<M, write>(),
                   address_of_insert_or_assign<M, write_by_reference>()});
  at(operation_kind::erase) = address_of_erase<M, keyed>();
  at(operation_kind::update) = first_found({
      address_of_update<M, bool (M::*)(const K&, Mutate&&)>(),
      address_of_update<M, bool (M::*)(const K&, const Mutate&)>(),
      address_of_update<M, bool (M::*)(const K&, Mutate)>(),
      address_of_update<M, bool (M::*)(const K&, std::function<void(V&)>)>(),
  });
  at(operation_kind::upsert) = first_found({
      address_of_upsert<M, bool (M::*)(const K&, Make&&, Mutate&&)>(),
      address_of_upsert<M, bool (M::*)(const K&, const Make&, const Mutate&)>(),
      address_of_upsert<M, bool (M::*)(const K&, Make, Mutate)>(),
      address_of_upsert<M, bool (M::*)(const K&, std::function<V()>, std::function<void(V&)>)>(),
  });
  at(operation_kind::clear) = address_of_clear<M, void (M::*)()>();
  at(operation_kind::for_each) = first_found({
      address_of_for_each<M, void (M::*)(Visit&&) const>(),
      address_of_for_each<M, void (M::*)(const Visit&) const>(),
      address_of_for_each<M, void (M::*)(Visit) const>(),
      address_of_for_each<M, void (M::*)(std::function<void(const K&, const V&)>) const>(),
  });
  at(operation_kind::snapshot) = address_of_snapshot<M, snapshot_type (M::*)() const>();
  at(operation_kind::size) = address_of_size<M, std::size_t (M::*)() const>();
  at(operation_kind::empty) = address_of_empty<M, bool (M::*)() const>();
  return sites;
}

}  // namespace safemap::stress
