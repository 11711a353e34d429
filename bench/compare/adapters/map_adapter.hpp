// bench::map_adapter — the handful of operations the workloads need, spelled the same for every
// map in the comparison, so peers, limits and safemap variants run the very same replay code.
//
// An adapter owns one map of std::uint64_t -> std::uint64_t and maps each operation onto the
// idiom a user of that map would write (an accessor for TBB, upsert for libcuckoo, a lock_guard
// around std::unordered_map, ...). Adapters add no synchronisation of their own beyond what
// that idiom needs.
#pragma once

#include <concepts>
#include <cstdint>
#include <optional>

#include "op_stream.hpp"

namespace safemap::bench {

template <class Adapter>
concept writing_adapter = requires(Adapter& map, std::uint64_t key, std::uint64_t value) {
  map.insert_or_assign(key, value);
  map.insert_or_increment(key);  // absent -> 1, present -> +1; one atomic step
};

template <class Adapter>
concept erasable_adapter = requires(Adapter& map, std::uint64_t key) { map.erase(key); };

template <class Adapter>
concept map_adapter =
    std::default_initializable<Adapter> &&
    requires(Adapter& map, const Adapter& const_map, std::uint64_t key, std::uint64_t value) {
      // Whether the operations may run concurrently; the limits (no synchronisation at all)
      // run single-threaded and the report scales them by min(threads, cores).
      { Adapter::thread_safe } -> std::convertible_to<bool>;
      // Whether the map can be written after it is filled (frozen_map cannot: it runs the
      // read-only workload only).
      { Adapter::writable } -> std::convertible_to<bool>;
      // Whether erase is safe concurrently with the other operations (it is not for
      // tbb::concurrent_unordered_map, which then sits out the write-heavy workload).
      { Adapter::supports_erase } -> std::convertible_to<bool>;
      { const_map.find(key) } -> std::same_as<std::optional<std::uint64_t>>;
      map.insert(key, value);  // filling before the clock starts
      // Sum of all values; called only while no other thread uses the map.
      { const_map.value_sum() } -> std::same_as<std::uint64_t>;
    } && (!Adapter::writable || writing_adapter<Adapter>) &&
    (!Adapter::supports_erase || erasable_adapter<Adapter>);

// value_sum() of the maps that can be iterated as (key, value) pairs.
template <class Entries>
std::uint64_t sum_of_values(const Entries& entries) {
  std::uint64_t sum = 0;
  for (const auto& entry : entries) sum += entry.second;  // atomics: a load
  return sum;
}

// Optional: finish_prefill(), called once after the last prefill insert and before the clock
// starts (frozen_map builds its immutable table there).
template <class Adapter>
concept finishes_prefill = requires(Adapter& map) { map.finish_prefill(); };

// Puts the keys present at `start` (op_stream.hpp) into a fresh map, the way every measurement
// and the memory pass begin.
template <map_adapter Adapter>
void prefill(Adapter& map, std::uint64_t key_count, initial_state start) {
  for (std::uint64_t index = 0; index < key_count; ++index) {
    if (present_at_start(start, index)) map.insert(key_of(index), index);
  }
  if constexpr (finishes_prefill<Adapter>) map.finish_prefill();
}

// Optional: ops_divisor, for maps whose operations cost microseconds (owner_thread_map): each
// thread replays only 1/ops_divisor of its share, so a measurement still takes milliseconds.
template <class Adapter>
constexpr std::uint64_t ops_divisor() {
  if constexpr (requires { Adapter::ops_divisor; }) {
    return Adapter::ops_divisor;
  } else {
    return 1;
  }
}

}  // namespace safemap::bench
