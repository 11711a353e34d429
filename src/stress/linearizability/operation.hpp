// The vocabulary of the linearizability oracle: the operations a history records, what each one
// returned, and the single-key view of them the checker works on.
//
// Every operation of safemap::concurrent_map is here. Whole-map reads (for_each, snapshot) are
// seen by each key as a read of that key (the value visited, or absent when not visited): a
// traversal must show every key as it was at some instant while it ran. clear() is seen by each
// key as an erase of that key. size() and empty() belong to no key (see shared_keys.hpp for how
// they are checked).
#pragma once

#include <compare>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "stress/map/operation_kind.hpp"

namespace safemap::stress::linearizability {

// What an operation returned: `value` for find (and a whole-map read's view of one key), `flag`
// for everything that returns bool. Operations returning neither leave both empty. `threw`: the
// call ended with the exception its callback threw (the workload's injected failures).
struct operation_result {
  std::optional<std::uint64_t> value;
  bool flag = false;
  bool threw = false;

  static operation_result returned(bool flag) { return {std::nullopt, flag, false}; }
  static operation_result read(std::optional<std::uint64_t> value) { return {value, false, false}; }
  static operation_result thrown() { return {std::nullopt, false, true}; }
  friend auto operator<=>(const operation_result&, const operation_result&) = default;
};

// One call a thread made, as recorded: invoked and responded are ticks of the history clock, so
// an operation that responded before another was invoked really finished first.
struct recorded_operation {
  operation_kind kind = operation_kind::find;
  unsigned thread = 0;
  std::uint64_t key = 0;       // single-key operations only
  std::uint64_t argument = 0;  // the value written, or the amount added
  std::uint64_t initial = 0;   // upsert: the value inserted when the key is absent
  // update / upsert: every callback the call runs throws before it changes anything, so the
  // call must leave the key as it was (and throw) whenever it runs one.
  bool callback_throws = false;
  operation_result result;
  std::size_t count = 0;                                         // size(): what it returned
  std::vector<std::pair<std::uint64_t, std::uint64_t>> entries;  // for_each / snapshot
  std::uint64_t invoked = 0;
  std::uint64_t responded = 0;
};

// An operation as one key sees it: what the checker linearizes.
struct key_operation {
  operation_kind kind = operation_kind::find;
  std::uint64_t argument = 0;
  std::uint64_t initial = 0;
  bool callback_throws = false;
  operation_result result;
  std::uint64_t invoked = 0;
  std::uint64_t responded = 0;
  unsigned thread = 0;
};

// The operation as people read it, e.g. `upsert(2, insert 7 or add 3)`; `key` names the key for
// whole-map operations seen by one key.
std::string describe_call(const key_operation& operation, std::uint64_t key);
std::string describe_result(operation_kind kind, const operation_result& result);

}  // namespace safemap::stress::linearizability
