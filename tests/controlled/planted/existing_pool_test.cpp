// A team's existing GoogleTest of its object pool, as written: no harness code in it. Built on
// the planted pool_hands_out_twice.hpp, it passes when run plainly (the window between the
// pool's two critical sections is a few instructions wide); CMakeLists.txt runs it under
// safemap-explore, where a schedule fails at the exercise's assertion.
#include <gtest/gtest.h>

#include "pool_hands_out_twice.hpp"

namespace {

TEST(Pool, TwoThreadsTakeDifferentObjects) {
  safemap::planted::exercise<safemap::planted::pool_hands_out_twice>();
}

}  // namespace
