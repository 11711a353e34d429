// Worked example: an LRU cache (lru_cache.hpp) under the linearizability oracle. The model is a
// sequential LRU of the same capacity (sequential_lru.hpp), so every eviction is checked, not
// only the values: a put answers the key it evicted.
#pragma once

#include <array>
#include <cstddef>
#include <tuple>
#include <utility>

#include "../spec_vocabulary.hpp"
#include "lru_cache.hpp"
#include "sequential_lru.hpp"

namespace safemap::object_examples::lru_cache {

template <class Cache>
struct spec {
  static constexpr const char* name = "lru_cache";
  static constexpr std::size_t capacity = 2;
  // Every scenario starts from a full cache: a get of these keys hits, a put of the third evicts.
  static constexpr std::array<std::pair<int, int>, capacity> filled{{{1, 1}, {2, 2}}};
  // Three keys for a cache of two, so that puts evict.
  static constexpr int_between keys{1, 3};
  struct object : Cache {
    object() : Cache{capacity} {
      for (const auto& [key, value] : filled) this->put(key, value);
    }
  };
  using model = sequential_lru;
  static object make_object() { return object{}; }
  static model make_model() {
    model lru{capacity};
    for (const auto& [key, value] : filled) lru.put(key, value);
    return lru;
  }
  static constexpr std::tuple operations{
      operation{"get", keys, [](object& cache, int key) { return cache.get(key); },
                [](model& lru, int key) { return lru.get(key); }},
      operation{"put", arguments{keys, int_between{1, 3}},
                [](object& cache, int key, int value) { return cache.put(key, value); },
                [](model& lru, int key, int value) { return lru.put(key, value); }}};
};

using correct = lru_cache<int, int>;

}  // namespace safemap::object_examples::lru_cache
