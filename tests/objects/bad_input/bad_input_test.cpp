// Bad input to the object harness, each refused with a clear message and exit 2 (refuse_spec in
// explore_object.hpp), and an operation that never returns, reported as no progress (exit 4):
// every test here is DISABLED_ and run alone by its expectation test objects.bad_input.<test>
// (CMakeLists.txt), which expects that exit and message.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <stdexcept>
#include <tuple>

#include "stress/object/gtest.hpp"

namespace safemap::object_examples::bad_input {
namespace {

using stress::object::blocks;
using stress::object::done;
using stress::object::may_block;
using stress::object::no_arguments;
using stress::object::operation;

struct nothing {
  void touch() {}
};

// Its touch never returns, and makes no scheduling point while it spins.
struct endless {
  void touch() {
    while (!done_.load(std::memory_order_relaxed)) {
    }
  }
  std::atomic<bool> done_{false};
};

// A spec of one operation, `touch` of Object, whose model call is OnModel.
template <auto OnModel, class Object = nothing>
struct touch_spec {
  static constexpr const char* name = "bad_input";
  using object = Object;
  using model = int;
  static object make_object() { return {}; }
  static constexpr std::tuple operations{
      operation{"touch", no_arguments{}, [](object& touched) { touched.touch(); }, OnModel}};
};

constexpr auto fine = [](int& touches) { ++touches; };
constexpr auto throws = [](int& /*unused*/) { throw std::logic_error{"not written yet"}; };
constexpr auto always_blocks = [](int& /*unused*/) -> may_block<done> { return blocks; };

TEST(DISABLED_BadInput, ThrowingModel) {
  stress::object::check_object_in_test<touch_spec<throws>>();
}

TEST(DISABLED_BadInput, NoThreads) {
  stress::object::check_object_in_test<touch_spec<fine>>(
      {.shape = stress::object::scenario_shape{.threads = 0}});
}

TEST(DISABLED_BadInput, NoCallsPerThread) {
  stress::object::check_object_in_test<touch_spec<fine>>(
      {.shape = stress::object::scenario_shape{.operations_per_thread = 0}});
}

TEST(DISABLED_BadInput, EveryCallBlocks) {
  stress::object::check_object_in_test<touch_spec<always_blocks>>();
}

// This executable is not compiled for scheduling points (safemap_use_atomic_points) in any
// preset, so memory accesses cannot be points: asked for, they are refused, never quietly off.
TEST(DISABLED_BadInput, MemoryPointsNotBuilt) {
  stress::object::check_object_in_test<touch_spec<fine>>({}, {.memory_points = true});
}

TEST(DISABLED_BadInput, CallNeverReturns) {
  stress::object::check_object_in_test<touch_spec<fine, endless>>(
      {}, {.no_progress_after = std::chrono::seconds{2}});
}

}  // namespace
}  // namespace safemap::object_examples::bad_input
