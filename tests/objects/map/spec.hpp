// Worked example: the maps of src/safemap/ and the fork example's under the object oracle, as an
// object spec of their single-key operations on three keys, and size(); the model is a std::map.
// The stress driver checks the same maps per key with its own oracle (docs/harness.md); here the
// whole map's history is checked at once, size() included.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <tuple>

#include <safemap/mutex_map.hpp>
#include <safemap/owner_thread_map.hpp>
#include <safemap/read_mostly_map.hpp>
#include <safemap/sharded_map.hpp>
#include <safemap/shared_mutex_map.hpp>

#include "../../fork_example/spinlock_map.hpp"
#include "../spec_vocabulary.hpp"

namespace safemap::object_examples::map {

using value_type = std::uint64_t;

template <class Map>
struct spec {
  static constexpr const char* name = "concurrent_map";
  using object = Map;
  using model = std::map<value_type, value_type>;
  static object make_object() { return object{}; }
  static constexpr int_between key{0, 2};
  static constexpr arguments key_and_value{int_between{0, 2}, int_between{1, 3}};
  static constexpr std::tuple operations{
      operation{"find", key, [](object& map, value_type k) { return map.find(k); },
                [](const model& map, value_type k) -> std::optional<value_type> {
                  const auto found = map.find(k);
                  if (found == map.end()) return std::nullopt;
                  return found->second;
                }},
      operation{"insert", key_and_value,
                [](object& map, value_type k, value_type v) { return map.insert(k, v); },
                [](model& map, value_type k, value_type v) { return map.emplace(k, v).second; }},
      operation{
          "insert_or_assign", key_and_value,
          [](object& map, value_type k, value_type v) { return map.insert_or_assign(k, v); },
          [](model& map, value_type k, value_type v) { return map.insert_or_assign(k, v).second; }},
      operation{"erase", key, [](object& map, value_type k) { return map.erase(k); },
                [](model& map, value_type k) { return map.erase(k) == 1; }},
      operation{"add", key_and_value,
                [](object& map, value_type k, value_type v) {
                  return map.update(k, [v](value_type& present) { present += v; });
                },
                [](model& map, value_type k, value_type v) {
                  const auto found = map.find(k);
                  if (found != map.end()) found->second += v;
                  return found != map.end();
                }},
      operation{"size", no_arguments{}, [](object& map) { return map.size(); },
                [](const model& map) { return map.size(); }}};
};

using correct =
    std::tuple<mutex_map<value_type, value_type>, shared_mutex_map<value_type, value_type>,
               sharded_map<value_type, value_type>, read_mostly_map<value_type, value_type>,
               owner_thread_map<value_type, value_type>,
               example::spinlock_map<value_type, value_type>>;

}  // namespace safemap::object_examples::map
