// The failure the stress workloads inject into map callbacks (workloads throwing_callbacks and
// shared_keys): an exception nothing else throws, from a callback that throws before it changes
// anything, so that every variant must leave the key exactly as it was.
#pragma once

#include <cstdint>
#include <stdexcept>

namespace safemap::stress {

class injected_callback_failure : public std::runtime_error {
 public:
  injected_callback_failure() : std::runtime_error{"injected callback failure"} {}
};

// Every callback of update and upsert in one: make() and mutate(value) both throw.
struct failing_callback {
  [[noreturn]] std::uint64_t operator()() const { throw injected_callback_failure{}; }
  [[noreturn]] void operator()(std::uint64_t& /*value*/) const {
    throw injected_callback_failure{};
  }
};

}  // namespace safemap::stress
