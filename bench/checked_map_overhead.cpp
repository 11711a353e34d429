// What checked_map's safety net costs a single owner: the same single-threaded operations on
// std::unordered_map<int, int> and on safemap::checked_map<int, int>, side by side.
//   find_hit / find_miss   lookups of present / absent keys (the target: at most 10% slower)
//   increment              map[key] += 1 on present keys (a write that changes no structure)
//   insert_fresh           try_emplace of new keys into a reserved map, then clear()
//   iterate                a range-for over the whole map
// The ratio of each checked_map row to the std row above it is the overhead (docs/library.md).
#include <safemap/checked_map.hpp>

#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <random>
#include <unordered_map>
#include <vector>

namespace {

using plain_map = std::unordered_map<int, int>;
using checked_map = safemap::checked_map<int, int>;

// `count` distinct keys in a shuffled order, so lookups do not walk memory sequentially.
std::vector<int> shuffled_keys(std::size_t count, int first_key) {
  std::vector<int> keys(count);
  for (std::size_t i = 0; i < count; ++i) keys[i] = first_key + static_cast<int>(i);
  std::shuffle(keys.begin(), keys.end(), std::mt19937{42});
  return keys;
}

template <class Map>
Map filled(std::size_t count) {
  Map map;
  for (int key : shuffled_keys(count, 0)) map[key] = key;
  return map;
}

// Present keys when `offset` is 0; absent keys (all above the filled range) otherwise.
template <class Map>
void lookups(benchmark::State& state, int offset) {
  const auto count = static_cast<std::size_t>(state.range(0));
  const Map map = filled<Map>(count);
  const std::vector<int> keys = shuffled_keys(count, offset);
  std::size_t next = 0;
  for (auto _ : state) {
    // Used as code uses a lookup: compared with end(), the value read when found.
    auto found = map.find(keys[next]);
    int value = found != map.end() ? found->second : -1;
    benchmark::DoNotOptimize(value);
    if (++next == keys.size()) next = 0;
  }
  state.SetItemsProcessed(state.iterations());
}

template <class Map>
void find_hit(benchmark::State& state) {
  lookups<Map>(state, 0);
}

template <class Map>
void find_miss(benchmark::State& state) {
  lookups<Map>(state, static_cast<int>(state.range(0)));
}

template <class Map>
void increment(benchmark::State& state) {
  const auto count = static_cast<std::size_t>(state.range(0));
  Map map = filled<Map>(count);
  const std::vector<int> keys = shuffled_keys(count, 0);
  std::size_t next = 0;
  for (auto _ : state) {
    map[keys[next]] += 1;
    if (++next == keys.size()) next = 0;
  }
  benchmark::DoNotOptimize(map);
  state.SetItemsProcessed(state.iterations());
}

template <class Map>
void insert_fresh(benchmark::State& state) {
  const auto count = static_cast<std::size_t>(state.range(0));
  const std::vector<int> keys = shuffled_keys(count, 0);
  Map map;
  map.reserve(count);
  for (auto _ : state) {
    for (int key : keys) map.try_emplace(key, key);
    benchmark::DoNotOptimize(map);
    map.clear();
  }
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(count));
}

template <class Map>
void iterate(benchmark::State& state) {
  const auto count = static_cast<std::size_t>(state.range(0));
  const Map map = filled<Map>(count);
  for (auto _ : state) {
    long sum = 0;
    for (const auto& [key, value] : map) sum += value;
    benchmark::DoNotOptimize(sum);
  }
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(count));
}

#define SAFEMAP_SIDE_BY_SIDE(operation)                                 \
  BENCHMARK_TEMPLATE(operation, plain_map)->Arg(1'000)->Arg(1'000'000); \
  BENCHMARK_TEMPLATE(operation, checked_map)->Arg(1'000)->Arg(1'000'000)

SAFEMAP_SIDE_BY_SIDE(find_hit);
SAFEMAP_SIDE_BY_SIDE(find_miss);
SAFEMAP_SIDE_BY_SIDE(increment);
SAFEMAP_SIDE_BY_SIDE(insert_fresh);
SAFEMAP_SIDE_BY_SIDE(iterate);

}  // namespace
