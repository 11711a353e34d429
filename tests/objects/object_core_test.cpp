// The object harness's core (src/stress/object/) on hand-made scenarios and histories of the
// queue example's spec: the checker's verdicts and its "why nothing follows" lines, which
// scenarios always complete, the shrinking's smaller scenarios, the shape a run takes, the
// scenario table and describe().
#include <gtest/gtest.h>

#include <cstdint>
#include <optional>
#include <ostream>
#include <string>
#include <tuple>
#include <vector>

#include "queue/spec.hpp"
#include "stress/object/checker.hpp"
#include "stress/object/completes.hpp"
#include "stress/object/describe.hpp"
#include "stress/object/history.hpp"
#include "stress/object/scenario.hpp"

namespace safemap::object_examples::queue {
namespace {

using stress::object::check_linearizable;
using stress::object::verdict;
using queue_spec = spec<correct>;
using queue_call = stress::object::call<queue_spec>;
using queue_scenario = stress::object::scenario<queue_spec>;
using queue_history = stress::object::history<queue_spec>;
using stress::object::interval;

queue_call push(int value) { return stress::object::invocation<queue_spec, 0>{{value}, done{}}; }
queue_call push_not_run(int value) { return stress::object::invocation<queue_spec, 0>{{value}}; }
queue_call pop(int returned) { return stress::object::invocation<queue_spec, 1>{{}, returned}; }
queue_call pop_not_run() { return stress::object::invocation<queue_spec, 1>{{}}; }

// One thread's calls, each with its [invoked, responded] interval.
struct timed_thread {
  std::vector<queue_call> calls;
  std::vector<interval> when;
};

queue_history history_of(const std::vector<timed_thread>& threads) {
  queue_history made;
  for (const auto& thread : threads) {
    made.ran.threads.push_back(thread.calls);
    made.threads.push_back(thread.when);
  }
  return made;
}

TEST(ObjectChecker, OverlappingCallsLinearize) {
  // The pop of 1, invoked first, overlaps the push of 1: only the push first fits.
  const auto outcome =
      check_linearizable(history_of({{{pop(1)}, {{0, 3}}}, {{push(1)}, {{1, 2}}}}));
  EXPECT_EQ(outcome.result, verdict::linearizable);
  EXPECT_TRUE(outcome.longest_order.empty());
}

TEST(ObjectChecker, WrongResultGivesTheFurthestOrderAndWhy) {
  // push(1), then push(2), then a pop that returned 2, each after the last: FIFO says 1.
  const auto outcome = check_linearizable(
      history_of({{{push(1), push(2)}, {{0, 1}, {2, 3}}}, {{pop(2)}, {{4, 5}}}}));
  EXPECT_EQ(outcome.result, verdict::not_linearizable);
  EXPECT_EQ(outcome.longest_order, (std::vector<std::string>{"push(1): done", "push(2): done"}));
  EXPECT_EQ(outcome.why_nothing_follows,
            (std::vector<std::string>{"pop() returned 2; the model returns 1"}));
}

TEST(ObjectChecker, CallTheModelBlocksAtItsOnlyPlaceIsNotLinearizable) {
  // The pop returned before the push was invoked: the only place for it is on an empty queue.
  const auto outcome =
      check_linearizable(history_of({{{pop(1)}, {{0, 1}}}, {{push(1)}, {{2, 3}}}}));
  EXPECT_EQ(outcome.result, verdict::not_linearizable);
  EXPECT_TRUE(outcome.longest_order.empty());
  EXPECT_EQ(outcome.why_nothing_follows,
            (std::vector<std::string>{"pop() returned 1; the model would still wait"}));
}

TEST(ObjectChecker, TinyBudgetIsUndecidedNeverAGuess) {
  const auto overlapping = history_of({{{push(1), push(2)}, {{0, 9}, {10, 19}}},
                                       {{push(3), pop(1)}, {{1, 8}, {11, 18}}},
                                       {{pop(3), pop(2)}, {{2, 7}, {12, 17}}}});
  EXPECT_NE(check_linearizable(overlapping).result, verdict::undecided);
  const auto outcome = check_linearizable(overlapping, {.max_steps = 2, .max_memo = 200'000});
  EXPECT_EQ(outcome.result, verdict::undecided);
  EXPECT_TRUE(outcome.longest_order.empty());
}

queue_scenario parallel(std::vector<std::vector<queue_call>> threads) {
  return {.init = {}, .threads = std::move(threads), .post = {}};
}

TEST(ObjectCompletes, TwoPopsOnePushOnAnEmptyQueueMayWaitForEver) {
  EXPECT_FALSE(stress::object::always_completes(
      parallel({{pop_not_run()}, {pop_not_run()}, {push_not_run(1)}})));
}

TEST(ObjectCompletes, BalancedPushesAndPopsComplete) {
  EXPECT_TRUE(stress::object::always_completes(parallel({{pop_not_run()}, {push_not_run(1)}})));
  EXPECT_TRUE(stress::object::always_completes(
      parallel({{push_not_run(1), pop_not_run()}, {push_not_run(2), pop_not_run()}})));
}

TEST(ObjectCompletes, InitOrPostThatWaitsDoesNotComplete) {
  auto init_waits = parallel({{push_not_run(1)}});
  init_waits.init = {pop_not_run()};
  EXPECT_FALSE(stress::object::always_completes(init_waits));
  auto post_waits = parallel({{push_not_run(1)}});
  post_waits.post = {pop_not_run(), pop_not_run()};
  EXPECT_FALSE(stress::object::always_completes(post_waits));
  post_waits.post.pop_back();
  EXPECT_TRUE(stress::object::always_completes(post_waits));
}

TEST(ObjectShrink, EverySmallerScenarioHasOneCallLess) {
  queue_scenario larger{
      .init = {push(1)}, .threads = {{push(2), pop(1)}, {pop(2)}}, .post = {push(3)}};
  const auto smaller = stress::object::one_call_smaller(larger);
  ASSERT_EQ(smaller.size(), larger.calls());
  for (const auto& candidate : smaller) EXPECT_EQ(candidate.calls(), larger.calls() - 1);
  EXPECT_TRUE(smaller[0].post.empty());
  EXPECT_TRUE(smaller[1].init.empty());
  // The last drops thread 1's only call, and with it thread 1.
  EXPECT_EQ(smaller.back().threads.size(), 1u);
}

TEST(ObjectShrink, TheLastThreadIsNeverDropped) {
  EXPECT_TRUE(stress::object::one_call_smaller(parallel({{push(1)}})).empty());
}

TEST(ObjectShrink, IntBetweenOffersLowThenHalfwayThenOneLess) {
  constexpr stress::object::int_between draw{1, 9};
  EXPECT_EQ(draw.smaller(9), (std::vector<int>{1, 5, 8}));
  EXPECT_EQ(draw.smaller(2), (std::vector<int>{1}));
  EXPECT_TRUE(draw.smaller(1).empty());
}

TEST(ObjectShrink, ArgumentsGetSmallerOneAtATime) {
  constexpr stress::object::arguments draw{stress::object::int_between{0, 2},
                                           stress::object::int_between{1, 3}};
  using values = std::tuple<int, int>;
  EXPECT_EQ(draw.smaller(values{2, 3}), (std::vector<values>{{0, 3}, {1, 3}, {2, 1}, {2, 2}}));
}

TEST(ObjectShrink, EveryArgumentSmallerScenarioKeepsItsCallsAndRunsThemAgain) {
  queue_scenario larger{.init = {push(3)}, .threads = {{push(2)}, {pop(3)}}, .post = {}};
  const auto smaller = stress::object::one_argument_smaller(larger);
  // push(3) offers 1 and 2, push(2) offers 1; pop has no arguments.
  ASSERT_EQ(smaller.size(), 3u);
  EXPECT_EQ(stress::object::describe_call<queue_spec>(smaller[0].init[0]), "push(1)");
  EXPECT_EQ(stress::object::describe_call<queue_spec>(smaller[1].init[0]), "push(2)");
  EXPECT_EQ(stress::object::describe_call<queue_spec>(smaller[2].threads[0][0]), "push(1)");
  for (const auto& candidate : smaller) EXPECT_EQ(candidate.calls(), larger.calls());
  EXPECT_EQ(stress::object::describe_result<queue_spec>(smaller[0].init[0]), "-");
}

TEST(ObjectShrink, CallsFewerComeBeforeArgumentsSmaller) {
  queue_scenario larger{.init = {push(3)}, .threads = {{pop(3)}}, .post = {}};
  const auto smaller = stress::object::smaller_scenarios(larger);
  ASSERT_EQ(smaller.size(), 1u + 2u);
  EXPECT_EQ(smaller[0].calls(), 1u);
  EXPECT_EQ(smaller[1].calls(), 2u);
}

// A spec that declares a shape: its scenarios take it unless the run asks for another.
struct longer_queue_spec : queue_spec {
  static constexpr stress::object::scenario_shape shape{.threads = 3, .init = 2};
};

TEST(ObjectShape, RunsShapeElseSpecsElseDefaults) {
  using stress::object::scenario_shape;
  using stress::object::shape_for;
  EXPECT_EQ(shape_for<longer_queue_spec>(std::nullopt).threads, 3u);
  EXPECT_EQ(shape_for<longer_queue_spec>(std::nullopt).init, 2u);
  EXPECT_EQ(shape_for<longer_queue_spec>(scenario_shape{.threads = 4}).threads, 4u);
  EXPECT_EQ(shape_for<queue_spec>(std::nullopt).threads, scenario_shape{}.threads);
}

TEST(ObjectTable, InitThreadsInColumnsThenPost) {
  queue_scenario shown{
      .init = {push(1)}, .threads = {{push(2), pop(1)}, {pop_not_run()}}, .post = {pop(2)}};
  EXPECT_EQ(stress::object::scenario_table(shown),
            (std::vector<std::string>{"init:     push(1): done", "thread 0      | thread 1",
                                      "push(2): done | pop(): -", "pop(): 1      |",
                                      "post:     pop(): 2"}));
}

struct printed {
  friend std::ostream& operator<<(std::ostream& out, const printed& /*unused*/) {
    return out << "<printed>";
  }
};

TEST(ObjectDescribe, EachKindOfValue) {
  using stress::object::describe;
  EXPECT_EQ(describe(done{}), "done");
  EXPECT_EQ(describe(true), "true");
  EXPECT_EQ(describe(-3), "-3");
  EXPECT_EQ(describe(std::uint64_t{7}), "7");
  EXPECT_EQ(describe(std::string{"a"}), "\"a\"");
  EXPECT_EQ(describe(std::optional<int>{}), "none");
  EXPECT_EQ(describe(std::optional<int>{4}), "4");
  EXPECT_EQ(describe(printed{}), "<printed>");
  EXPECT_EQ(stress::object::describe_call("put", std::tuple{1, std::string{"b"}}), "put(1, \"b\")");
  EXPECT_EQ(stress::object::describe_call("get", std::tuple{}), "get()");
}

}  // namespace
}  // namespace safemap::object_examples::queue
