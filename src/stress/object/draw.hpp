// object/: which scenario a run draws. Scenario n of seed s is the first drawn from
// mixed(s, n) that always completes in the model (completes.hpp), so the controlled exploration
// (explore_object.hpp) and free stress (stress_object.hpp) with one seed run the same scenarios.
#pragma once

#include <cstdint>
#include <string>

#include "stress/mixed_seed.hpp"
#include "stress/object/completes.hpp"
#include "stress/object/refuse.hpp"
#include "stress/object/scenario.hpp"

namespace safemap::stress::object {

// always_completes(), refusing the spec when the model throws.
template <class Spec>
bool completes_in_model(const scenario<Spec>& planned) {
  return unless_the_model_throws(Spec::name, [&planned] { return always_completes(planned); });
}

template <class Spec>
scenario<Spec> draw_scenario_number(const scenario_shape& shape, std::uint64_t seed,
                                    std::uint64_t number) {
  random_source random{mixed(seed, number)};
  constexpr int attempts = 1000;
  for (int attempt = 0; attempt < attempts; ++attempt) {
    auto drawn = draw_scenario<Spec>(shape, random);
    if (completes_in_model(drawn)) return drawn;
  }
  refuse_spec(Spec::name, "none of " + std::to_string(attempts) +
                              " scenarios drawn completes in the model (each leaves a thread "
                              "waiting for ever): draw fewer calls that wait, or more that "
                              "release them");
}

}  // namespace safemap::stress::object
