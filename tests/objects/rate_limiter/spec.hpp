// Worked example: a rate limiter, with a lock (rate_limiter.hpp) and without one
// (lock_free_rate_limiter.hpp), under the linearizability oracle. The model is the number of
// permits left: requests of up to the whole budget, so that two at once cannot both be admitted.
#pragma once

#include <algorithm>
#include <tuple>

#include "../spec_vocabulary.hpp"
#include "lock_free_rate_limiter.hpp"
#include "rate_limiter.hpp"

namespace safemap::object_examples::rate_limiter {

template <class Limiter>
struct spec {
  static constexpr const char* name = "rate_limiter";
  static constexpr int capacity = 3;
  using object = Limiter;
  using model = int;  // the permits left
  static object make_object() { return object{capacity}; }
  static model make_model() { return capacity; }
  static constexpr std::tuple operations{
      operation{"try_acquire", int_between{1, capacity},
                [](object& limiter, int permits) { return limiter.try_acquire(permits); },
                [](model& left, int permits) {
                  if (left < permits) return false;
                  left -= permits;
                  return true;
                }},
      operation{"refill", int_between{1, 2},
                [](object& limiter, int permits) { limiter.refill(permits); },
                [](model& left, int permits) { left = std::min(capacity, left + permits); }},
      operation{"available", no_arguments{},
                [](const object& limiter) { return limiter.available(); },
                [](const model& left) { return left; }}};
};

using correct = std::tuple<rate_limiter, lock_free_rate_limiter>;

}  // namespace safemap::object_examples::rate_limiter
