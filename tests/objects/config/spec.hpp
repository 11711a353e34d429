// Worked example: a configuration published through an atomic pointer (published_config.hpp)
// under the linearizability oracle. The model is the version in force, 1 at first; changes
// publish versions 2 and 3, so version 0 is never the model's.
#pragma once

#include <tuple>

#include "../spec_vocabulary.hpp"
#include "published_config.hpp"

namespace safemap::object_examples::config {

template <class Config>
struct spec {
  static constexpr const char* name = "config";
  static constexpr int first_version = 1;
  using object = Config;
  using model = int;  // the version in force
  static object make_object() { return object{first_version}; }
  static model make_model() { return first_version; }
  static constexpr std::tuple operations{
      operation{"publish", int_between{2, 3},
                [](object& config, int version) { config.publish(version); },
                [](model& current, int version) {
                  current = version;
                  return done{};
                }},
      operation{"version", no_arguments{}, [](const object& config) { return config.version(); },
                [](const model& current) { return current; }}};
};

using correct = published_config;

}  // namespace safemap::object_examples::config
