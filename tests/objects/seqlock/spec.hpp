// Worked example: a sequence lock (seqlock_quote.hpp) under the linearizability oracle. The model
// is the quote last published; a publish of price p stores the quote p/10p, so a reader that
// mixes two publishes' fields returns a quote the model never holds.
#pragma once

#include <tuple>

#include "../spec_vocabulary.hpp"
#include "quote.hpp"
#include "seqlock_quote.hpp"

namespace safemap::object_examples::seqlock {

template <class Quote>
struct spec {
  static constexpr const char* name = "seqlock";
  using object = Quote;
  using model = quote;
  static object make_object() { return object{}; }
  static constexpr quote priced(int price) { return quote{price, 10 * price}; }
  static constexpr std::tuple operations{
      operation{"publish", int_between{1, 3},
                [](object& latest, int price) { latest.publish(priced(price)); },
                [](model& latest, int price) {
                  latest = priced(price);
                  return done{};
                }},
      operation{"read", no_arguments{}, [](const object& latest) { return latest.read(); },
                [](const model& latest) { return latest; }}};
};

using correct = seqlock_quote;

}  // namespace safemap::object_examples::seqlock
