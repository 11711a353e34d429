// Worked example: request ids behind a spin lock (request_ids.hpp) under the linearizability
// oracle. The model is the next id; two calls that return the same id are never linearizable.
#pragma once

#include <cstdint>
#include <tuple>

#include "../spec_vocabulary.hpp"
#include "request_ids.hpp"

namespace safemap::object_examples::spin_lock {

template <class Ids>
struct spec {
  static constexpr const char* name = "request_ids";
  using object = Ids;
  using model = std::uint64_t;  // the next id
  static object make_object() { return object{}; }
  static constexpr std::tuple operations{operation{"next", no_arguments{},
                                                   [](object& ids) { return ids.next(); },
                                                   [](model& next) { return next++; }}};
};

using correct = request_ids;

}  // namespace safemap::object_examples::spin_lock
