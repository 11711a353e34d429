// object/: bad input to the object harness ends the process with one line naming the spec and
// what to change, and exit 2 (exit_code.hpp): a scenario shape it cannot run, a model call that
// throws, a spec none of whose scenarios completes (draw.hpp).
#pragma once

#include <cstdio>
#include <cstdlib>
#include <exception>
#include <string>
#include <utility>

#include "stress/exit_code.hpp"
#include "stress/object/checker.hpp"
#include "stress/object/scenario.hpp"

namespace safemap::stress::object {

[[noreturn]] inline void refuse_spec(const char* spec, const std::string& why) {
  std::fprintf(stderr, "safemap object %s: %s\n", spec, why.c_str());
  std::exit(exit_bad_usage);  // NOLINT(concurrency-mt-unsafe): between scenarios, no thread runs
}

inline void refuse_bad_shape(const char* spec, const scenario_shape& shape) {
  if (shape.threads == 0 || shape.threads > 8 || shape.operations_per_thread == 0 ||
      shape.init + shape.post + shape.threads * shape.operations_per_thread > max_checked_calls) {
    refuse_spec(spec, "a scenario needs 1 to 8 threads of at least one call each, and at most " +
                          std::to_string(max_checked_calls) + " calls in all");
  }
}

// What `asks_the_model` returns; a model call that throws refuses the spec.
template <class AsksTheModel>
decltype(auto) unless_the_model_throws(const char* spec, AsksTheModel&& asks_the_model) {
  try {
    return std::forward<AsksTheModel>(asks_the_model)();
  } catch (const std::exception& error) {
    refuse_spec(spec,
                std::string{"the model threw: "} + error.what() + " (a model call must not throw)");
  }
}

}  // namespace safemap::stress::object
