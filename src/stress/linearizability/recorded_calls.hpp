// Recorded calls of the map's operations: a call planned as data (what, on which key, with which
// arguments), made on a map between two ticks of a history clock, its result recorded for the
// linearizability checker. The shared_keys workload (workloads/shared_keys.hpp), the two-thread
// programs under fuzzed schedules (differential/two_threads.hpp) and the recording benchmark
// make their calls with these, and end a history with read_everything.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <utility>

#include "stress/injected_failure.hpp"
#include "stress/linearizability/history.hpp"
#include "stress/map/operation_kind.hpp"
#include "stress/map/operation_sites.hpp"

namespace safemap::stress {

namespace lin = linearizability;

// One call to make: what, on which key, with which arguments.
struct planned_call {
  operation_kind kind = operation_kind::find;
  std::uint64_t key = 0;
  std::uint64_t argument = 0;
  std::uint64_t initial = 0;
  bool callback_throws = false;  // update / upsert: with failing_callback (injected_failure.hpp)
};

// The call `thread` makes of `kind` on `key`. Values a thread writes are its own (thread + 1 in
// the top bits, then `written`, its count of writes), so a table can say whose write a read
// saw; update and upsert add `amount`.
inline planned_call call_of(operation_kind kind, std::uint64_t key, unsigned thread,
                            std::uint64_t& written, std::uint64_t amount) {
  const std::uint64_t fresh = (std::uint64_t{thread} + 1) << 40 | ++written;
  const bool adds = kind == operation_kind::update || kind == operation_kind::upsert;
  return {.kind = kind, .key = key, .argument = adds ? amount : fresh, .initial = fresh};
}

// The operation mix of shared_keys, per 100 operations: reads and writes of one key, and now
// and then a whole-map one. `percent` is a random number below 100.
constexpr operation_kind mixed_operation(std::uint64_t percent) {
  constexpr std::array<std::pair<operation_kind, unsigned>, 12> mix{{
      {operation_kind::find, 20},
      {operation_kind::contains, 6},
      {operation_kind::insert, 14},
      {operation_kind::insert_or_assign, 14},
      {operation_kind::erase, 14},
      {operation_kind::update, 10},
      {operation_kind::upsert, 14},
      {operation_kind::for_each, 2},
      {operation_kind::snapshot, 2},
      {operation_kind::size, 2},
      {operation_kind::empty, 1},
      {operation_kind::clear, 1},
  }};
  for (const auto& [kind, weight] : mix) {
    if (percent < weight) return kind;
    percent -= weight;
  }
  return operation_kind::find;
}

// Makes `call` on `map`; its result into `made`.
template <class Map, class Recorded>
void make_call(Map& map, const planned_call& call, Recorded& made) {
  switch (call.kind) {
    case operation_kind::find: made.result.value = map.find(call.key); break;
    case operation_kind::contains: made.result.flag = map.contains(call.key); break;
    case operation_kind::insert: made.result.flag = map.insert(call.key, call.argument); break;
    case operation_kind::insert_or_assign:
      made.result.flag = map.insert_or_assign(call.key, call.argument);
      break;
    case operation_kind::erase: made.result.flag = map.erase(call.key); break;
    case operation_kind::update:
      made.result.flag = call.callback_throws ? map.update(call.key, failing_callback{})
                                              : map.update(call.key, add_amount{call.argument});
      break;
    case operation_kind::upsert:
      made.result.flag =
          call.callback_throws
              ? map.upsert(call.key, failing_callback{}, failing_callback{})
              : map.upsert(call.key, make_value{call.initial}, add_amount{call.argument});
      break;
    case operation_kind::clear: map.clear(); break;
    case operation_kind::for_each:
      map.for_each([&](const std::uint64_t& key, const std::uint64_t& value) {
        made.entries.emplace_back(key, value);
      });
      break;
    case operation_kind::snapshot:
      for (const auto& [key, value] : map.snapshot()) made.entries.emplace_back(key, value);
      break;
    case operation_kind::size: made.count = map.size(); break;
    case operation_kind::empty: made.result.flag = map.empty(); break;
  }
}

// Makes `call` on `map` and records it, with its result, between two ticks of `clock`
// (lin::thread_history and lin::history_clock; the benchmark passes stand-ins that record
// nothing, to measure what recording costs).
template <class Map, class History, class Clock>
void make_recorded_call(Map& map, const planned_call& call, History& history, Clock& clock) {
  auto& made = history.begin(call.kind, call.key);
  made.argument = call.argument;
  made.initial = call.initial;
  made.callback_throws = call.callback_throws;
  if (call.kind == operation_kind::for_each || call.kind == operation_kind::snapshot)
    made.entries.reserve(8);
  made.invoked = clock.tick();
  try {
    make_call(map, call, made);
  } catch (const injected_callback_failure&) {
    made.result = lin::operation_result::thrown();
  }
  made.responded = clock.tick();
}

inline constexpr std::array whole_map_reads{operation_kind::size, operation_kind::empty,
                                            operation_kind::for_each, operation_kind::snapshot};

// The reads that end a history, made while no other thread runs: a find of every key below
// `key_count`, then every whole-map read. The next history starts from what the finds saw.
template <class Map, class Clock>
void read_everything(Map& map, std::uint64_t key_count, lin::thread_history& reads, Clock& clock) {
  for (std::uint64_t key = 0; key < key_count; ++key) {
    make_recorded_call(map, {.kind = operation_kind::find, .key = key}, reads, clock);
  }
  for (operation_kind kind : whole_map_reads) make_recorded_call(map, {.kind = kind}, reads, clock);
}

// How many calls read_everything records: the capacity its history needs.
constexpr std::size_t read_everything_calls(std::uint64_t key_count) {
  return key_count + whole_map_reads.size();
}

}  // namespace safemap::stress
