// One planted bug of this folder and its correct twin, each under the header's exercise() and
// controlled schedules. CMakeLists.txt builds this file once per planted header, naming it and
// its twin (PLANTED_HEADER, PLANTED_COMPONENT, TWIN_HEADER, TWIN_COMPONENT).
#include <gtest/gtest.h>

#include <iostream>

#include PLANTED_HEADER
#include TWIN_HEADER
#include "stress/explore/gtest.hpp"

namespace safemap::planted {
namespace {

using stress::explore::explore_in_test;

// The environment may ask for more schedules (SAFEMAP_EXPLORE_SCHEDULES, _BUDGET_S): the line
// printed says how many ran.
TEST(Planted, CorrectTwinHasNoFindingAndNoEscape) {
  const auto result =
      explore_in_test(exercise<TWIN_COMPONENT>, {.schedules = 1000, .budget_s = 10});
  std::cout << "[planted] correct twin: " << result.schedules << " schedules, " << result.escapes
            << " escapes\n";
  EXPECT_GT(result.schedules, 0u);
  EXPECT_EQ(result.escapes, 0u) << "a wait the scheduler does not model";
}

// The planted bug, run alone by the expectation tests of CMakeLists.txt.
TEST(DISABLED_Planted, Finds) { explore_in_test(exercise<PLANTED_COMPONENT>); }

}  // namespace
}  // namespace safemap::planted
