// Worked example: a lock-free stack (treiber_stack.hpp) under the linearizability oracle. The
// model is a std::vector whose back is the top; a pop of an empty stack answers std::nullopt.
#pragma once

#include <optional>
#include <tuple>
#include <vector>

#include "../spec_vocabulary.hpp"
#include "treiber_stack.hpp"

namespace safemap::object_examples::stack {

template <class Stack>
struct spec {
  static constexpr const char* name = "lock_free_stack";
  using object = Stack;
  using model = std::vector<int>;
  static object make_object() { return object{}; }
  static constexpr std::tuple operations{
      operation{"push", int_between{1, 3}, [](object& stack, int value) { stack.push(value); },
                [](model& stack, int value) {
                  stack.push_back(value);
                  return done{};
                }},
      operation{"pop", no_arguments{}, [](object& stack) { return stack.pop(); },
                [](model& stack) -> std::optional<int> {
                  if (stack.empty()) return std::nullopt;
                  const int top = stack.back();
                  stack.pop_back();
                  return top;
                }}};
};

using correct = treiber_stack;

}  // namespace safemap::object_examples::stack
