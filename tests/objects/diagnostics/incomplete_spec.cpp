// A first draft of an object spec (src/stress/object/spec.hpp) that misses two parts. The test
// objects.spec_check_lists_every_missing_part compiles this file and expects one diagnostic per
// `// MISSING:` part, all from one compile, and no other error.
#include <gtest/gtest.h>

#include <deque>
#include <tuple>

#include "stress/object/gtest.hpp"

namespace draft {

using safemap::stress::object::int_between;
using safemap::stress::object::no_arguments;
using safemap::stress::object::operation;

class stack {
 public:
  void push(int value) { items_.push_back(value); }
  int size() const { return static_cast<int>(items_.size()); }

 private:
  std::deque<int> items_;
};

struct stack_spec {
  static constexpr const char* name = "stack";
  using object = stack;
  // MISSING: model
  // MISSING: make_object
  static constexpr std::tuple operations{
      operation{"push", int_between{1, 3}, [](object& pushed, int value) { pushed.push(value); },
                [](auto& model, int value) { model.push_back(value); }},
      operation{"size", no_arguments{}, [](object& counted) { return counted.size(); },
                [](const auto& model) { return static_cast<int>(model.size()); }}};
};

TEST(Draft, IsLinearizable) { safemap::stress::object::check_object_in_test<stack_spec>(); }

}  // namespace draft
