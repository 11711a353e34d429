// One worked example of this folder (OBJECT_EXAMPLE: <example>/spec.hpp, its template `spec` and
// its `correct` object, or a std::tuple of correct objects) under the linearizability oracle;
// CMakeLists.txt adds one file per planted bug of <example>/planted/ (planted_test.cpp.in), each
// a DISABLED_Planted test.
#include <gtest/gtest.h>

#include <iostream>
#include <tuple>

#include OBJECT_SPEC
#include "stress/object/gtest.hpp"

namespace safemap::object_examples::OBJECT_EXAMPLE {
namespace {

template <class Object>
struct as_test_types {
  using type = ::testing::Types<Object>;
};
template <class... Objects>
struct as_test_types<std::tuple<Objects...>> {
  using type = ::testing::Types<Objects...>;
};

template <class Correct>
class Object : public ::testing::Test {};
TYPED_TEST_SUITE(Object, typename as_test_types<correct>::type);

// The environment may ask for more schedules (SAFEMAP_EXPLORE_SCHEDULES, _BUDGET_S): the line
// printed says how many ran.
TYPED_TEST(Object, CorrectIsLinearizable) {
  using checked = spec<TypeParam>;
  const auto result =
      stress::object::check_object_in_test<checked>({}, {.schedules = 2000, .budget_s = 10});
  std::cout << "[objects] correct " << checked::name << ": " << result.scenarios << " scenarios, "
            << result.schedules << " schedules, " << result.escapes << " escapes, "
            << result.undecided << " undecided\n";
  EXPECT_GT(result.scenarios, 0u);
  EXPECT_EQ(result.escapes, 0u) << "a wait the scheduler does not model";
  EXPECT_EQ(result.undecided, 0u) << "histories the checker gave up on";
}

// Real threads racing freely: what the sanitizer presets watch (stress_object.hpp).
TYPED_TEST(Object, CorrectSurvivesFreeStress) {
  using checked = spec<TypeParam>;
  const auto result = stress::object::stress_object_in_test<checked>({.budget_s = 2});
  std::cout << "[objects] correct " << checked::name << " under free stress: " << result.scenarios
            << " scenarios, " << result.runs << " runs, " << result.undecided << " undecided\n";
  EXPECT_GT(result.runs, 0u);
  EXPECT_EQ(result.undecided, 0u) << "histories the checker gave up on";
}

}  // namespace
}  // namespace safemap::object_examples::OBJECT_EXAMPLE
