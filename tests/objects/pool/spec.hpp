// Worked example: an object pool with RAII leases (object_pool.hpp) under the linearizability
// oracle. Leases are held from one call to the next by a leaseholder (leaseholder.hpp); the model
// is which objects are leased, and the pool hands out the first free one, so every answer is
// checked exactly: an object leased twice is an acquire that no order explains.
#pragma once

#include <algorithm>
#include <array>
#include <cstddef>
#include <optional>
#include <tuple>

#include "../spec_vocabulary.hpp"
#include "leaseholder.hpp"
#include "object_pool.hpp"

namespace safemap::object_examples::pool {

template <class Pool>
struct spec {
  static constexpr const char* name = "object_pool";
  static constexpr std::size_t size = 2;
  using object = leaseholder<Pool, size>;
  using model = std::array<bool, size>;  // whether each object is leased
  static object make_object() { return object{}; }
  static constexpr std::tuple operations{
      operation{"acquire", no_arguments{}, [](object& holder) { return holder.acquire(); },
                [](model& leased) -> std::optional<int> {
                  const auto free = std::ranges::find(leased, false);
                  if (free == leased.end()) return std::nullopt;
                  *free = true;
                  return static_cast<int>(free - leased.begin());
                }},
      operation{"release", int_between{0, size - 1},
                [](object& holder, int number) { return holder.release(number); },
                [](model& leased, int number) {
                  return std::exchange(leased[static_cast<std::size_t>(number)], false);
                }}};
};

using correct = object_pool<int>;

}  // namespace safemap::object_examples::pool
