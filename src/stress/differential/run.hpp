// differential/: does a program give the map's results and the model's alike
//
// Running a differential program (program.hpp) on a map and on the model, std::unordered_map,
// step by step: every result must be the same text. On a mismatch, shrink() finds a shorter
// program that still disagrees, and mismatch_report() makes the harness's report of it
// (stress/report.hpp: `SafemapDifferential: mismatch`), one message row an operation, located at
// the map's member function whose result differed (map/operation_sites.hpp).
//
// Values come from the program's bytes through the map's own types: std::uint64_t keys and
// values are the bytes themselves; std::string ones are short strings made from them (so the
// variants' node-based and flat tables are exercised as well as their trivially copyable paths).
// Thread safety: one program on one map, from one thread. Complexity: O(n) operations of the map
// for a run; shrink() runs O(n log n) shorter programs in the worst case.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <unordered_map>
#include <utility>
#include <vector>

#include "stress/differential/program.hpp"
#include "stress/map/operation_sites.hpp"
#include "stress/report.hpp"

namespace safemap::stress::differential {

template <class T>
T key_from(std::uint8_t key) {
  if constexpr (std::is_same_v<T, std::string>) {
    return "k" + std::to_string(key);
  } else {
    return T{key};
  }
}

template <class T>
T value_from(std::uint8_t argument) {
  if constexpr (std::is_same_v<T, std::string>) {
    return std::string(1 + argument % 4, static_cast<char>('a' + argument % 26));
  } else {
    return T{argument};
  }
}

template <class T>
void add_to(T& value, std::uint8_t argument) {
  if constexpr (std::is_same_v<T, std::string>) {
    value.push_back(static_cast<char>('a' + argument % 26));
  } else {
    value += T{argument} + 1;
  }
}

template <class T>
std::string text_of(const T& value) {
  if constexpr (std::is_same_v<T, std::string>) {
    return '"' + value + '"';
  } else {
    return std::to_string(value);
  }
}

inline std::string text_of(bool value) { return value ? "true" : "false"; }

// The concurrent_map API over a std::unordered_map-like table, in std::unordered_map's own
// terms: the model (Table = std::unordered_map), and the way safemap::checked_map, which has the
// standard API, runs the same programs. Written against the standard API only, and on purpose
// not with the library's detail/table_operations.hpp, which the variants under test use.
template <class Table>
class table_api {
 public:
  using key_type = typename Table::key_type;
  using mapped_type = typename Table::mapped_type;

  std::optional<mapped_type> find(const key_type& key) const {
    const auto found = table_.find(key);
    return found == table_.end() ? std::nullopt : std::optional<mapped_type>{found->second};
  }
  bool contains(const key_type& key) const { return table_.find(key) != table_.end(); }
  std::size_t size() const { return table_.size(); }
  bool empty() const { return table_.empty(); }
  bool insert(const key_type& key, const mapped_type& value) {
    return table_.try_emplace(key, value).second;
  }
  bool insert_or_assign(const key_type& key, const mapped_type& value) {
    return table_.insert_or_assign(key, value).second;
  }
  bool erase(const key_type& key) { return table_.erase(key) == 1; }
  void clear() { table_.clear(); }
  template <class Mutate>
  bool update(const key_type& key, Mutate&& mutate) {
    const auto found = table_.find(key);
    if (found == table_.end()) return false;
    mutate(found->second);
    return true;
  }
  template <class Make, class Mutate>
  bool upsert(const key_type& key, Make&& make, Mutate&& mutate) {
    const auto found = table_.find(key);
    if (found != table_.end()) {
      mutate(found->second);
      return false;
    }
    table_.emplace(key, make());
    return true;
  }
  template <class Visit>
  void for_each(Visit&& visit) const {
    for (const auto& [key, value] : table_) visit(key, value);
  }
  std::unordered_map<key_type, mapped_type> snapshot() const {
    return {table_.begin(), table_.end()};
  }

 private:
  Table table_;
};

template <class Map>
using model_of = table_api<std::unordered_map<typename Map::key_type, typename Map::mapped_type>>;

// The entries a walk or a snapshot saw, in an order that does not depend on the table.
template <class Key, class Value>
std::string entries_text(std::vector<std::pair<Key, Value>> entries) {
  std::ranges::sort(entries);
  std::string text = "{";
  for (const auto& [key, value] : entries) {
    text += (text.size() > 1 ? ", " : "") + text_of(key) + ": " + text_of(value);
  }
  return text + "}";
}

// The callbacks a program hands to update, upsert and for_each. Named types, not lambdas, so that
// operation_sites can name the member template instances they call.
template <class Value>
struct add_argument {
  std::uint8_t argument = 0;
  void operator()(Value& value) const { add_to(value, argument); }
};
template <class Value>
struct value_of_argument {
  std::uint8_t argument = 0;
  Value operator()() const { return value_from<Value>(argument); }
};
template <class Key, class Value>
struct collect_entries {
  std::vector<std::pair<Key, Value>>* seen = nullptr;
  void operator()(const Key& key, const Value& value) const { seen->emplace_back(key, value); }
};

// What `step` returns on `map`, as text (empty for clear, which returns nothing).
template <class Map>
std::string apply(Map& map, const operation& step) {
  using key_type = typename Map::key_type;
  using mapped_type = typename Map::mapped_type;
  const key_type key = key_from<key_type>(step.key);
  switch (step.kind) {
    case operation_kind::insert:
      return text_of(map.insert(key, value_from<mapped_type>(step.argument)));
    case operation_kind::insert_or_assign:
      return text_of(map.insert_or_assign(key, value_from<mapped_type>(step.argument)));
    case operation_kind::erase: return text_of(map.erase(key));
    case operation_kind::find: {
      const auto found = map.find(key);
      return found ? text_of(*found) : "nullopt";
    }
    case operation_kind::contains: return text_of(map.contains(key));
    case operation_kind::size: return std::to_string(map.size());
    case operation_kind::empty: return text_of(map.empty());
    case operation_kind::update:
      return text_of(map.update(key, add_argument<mapped_type>{step.argument}));
    case operation_kind::upsert:
      return text_of(map.upsert(key, value_of_argument<mapped_type>{step.argument},
                                add_argument<mapped_type>{step.argument}));
    case operation_kind::for_each: {
      std::vector<std::pair<key_type, mapped_type>> seen;
      map.for_each(collect_entries<key_type, mapped_type>{&seen});
      return entries_text(std::move(seen));
    }
    case operation_kind::snapshot: {
      const auto copy = map.snapshot();
      return entries_text(std::vector<std::pair<key_type, mapped_type>>{copy.begin(), copy.end()});
    }
    case operation_kind::clear: map.clear(); return "";
  }
  return "?";
}

struct mismatch {
  std::size_t step = 0;  // the first operation whose results differ
  std::string result;    // what the map returned
  std::string expected;  // what the model returned
};

// Runs `program` on a new Map and a new model; the first step where they disagree, if any.
template <class Map>
std::optional<mismatch> first_mismatch(std::span<const operation> program) {
  Map map;
  model_of<Map> model;
  for (std::size_t step = 0; step < program.size(); ++step) {
    std::string result = apply(map, program[step]);
    std::string expected = apply(model, program[step]);
    if (result != expected) return mismatch{step, std::move(result), std::move(expected)};
  }
  return std::nullopt;
}

// A shorter program that still disagrees: everything after the first mismatch dropped, then
// chunks of halving size removed wherever the rest still disagrees (delta debugging's idea,
// greedy). `program` must disagree.
template <class Map>
std::vector<operation> shrink(std::vector<operation> program) {
  program.resize(first_mismatch<Map>(program)->step + 1);
  for (std::size_t chunk = program.size() / 2; chunk >= 1; chunk /= 2) {
    for (std::size_t start = 0; start < program.size();) {
      std::vector<operation> without = program;
      without.erase(
          without.begin() + static_cast<std::ptrdiff_t>(start),
          without.begin() + static_cast<std::ptrdiff_t>(std::min(start + chunk, without.size())));
      if (auto found = first_mismatch<Map>(without)) {
        without.resize(found->step + 1);
        program = std::move(without);
      } else {
        start += chunk;
      }
    }
  }
  return program;
}

// Where Map implements each operation, for the instances of its member templates that apply()
// calls.
template <class Map>
operation_sites sites_of() {
  using key_type = typename Map::key_type;
  using mapped_type = typename Map::mapped_type;
  return operation_sites::of<Map, add_argument<mapped_type>, value_of_argument<mapped_type>,
                             collect_entries<key_type, mapped_type>>();
}

inline constexpr std::string_view report_tool = "SafemapDifferential";
inline constexpr std::string_view mismatch_kind = "mismatch";

// The report of a disagreeing program (shrunk): one row an operation with what the map returned,
// and where it differs, what the model returned instead; its stack is the member function of Map
// that returned the differing result. Rows are `step N:`, not `#N`, which would read as frames.
template <class Map>
report mismatch_report(std::string_view variant, std::span<const operation> program,
                       std::size_t shrunk_from) {
  report finding{.tool = std::string{report_tool},
                 .kind = std::string{mismatch_kind},
                 .messages = {std::string{variant} + " disagrees with std::unordered_map after " +
                              std::to_string(program.size()) + " operations (shrunk from " +
                              std::to_string(shrunk_from) + "):"},
                 .stacks = {}};
  Map map;
  model_of<Map> model;
  std::optional<operation_kind> differing;
  for (std::size_t step = 0; step < program.size(); ++step) {
    const std::string result = apply(map, program[step]);
    const std::string expected = apply(model, program[step]);
    std::string row = "step " + std::to_string(step) + ": " + describe(program[step]);
    if (!result.empty()) row += " -> " + result;
    if (result != expected) {
      row += "    expected: " + expected;
      if (!differing) differing = program[step].kind;
    }
    finding.messages.push_back(std::move(row));
  }
  const auto shown = differing ? sites_of<Map>().shown_by(*differing) : std::nullopt;
  if (shown) finding.stacks.push_back(*shown);
  return finding;
}

}  // namespace safemap::stress::differential
