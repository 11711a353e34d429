// The linearizability oracle's parts on hand-made and generated histories: the checker says yes
// to every history a sequential execution can produce and no to the classic atomicity bugs, the
// shrinker keeps only proof, the explanation blames the right operation.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <random>
#include <set>
#include <vector>

#include "stress/linearizability/checker.hpp"
#include "stress/linearizability/explain.hpp"
#include "stress/linearizability/history.hpp"
#include "stress/linearizability/orders.hpp"
#include "stress/linearizability/shrink.hpp"
#include "stress/linearizability/whole_map_checks.hpp"

namespace safemap::stress::linearizability {
namespace {

// A key operation over [invoked, responded] with a recorded result.
key_operation op(operation_kind kind, std::uint64_t invoked, std::uint64_t responded,
                 operation_result result, std::uint64_t argument = 0, std::uint64_t initial = 0,
                 unsigned thread = 0) {
  return {.kind = kind,
          .argument = argument,
          .initial = initial,
          .result = result,
          .invoked = invoked,
          .responded = responded,
          .thread = thread};
}
operation_result yes() { return operation_result::returned(true); }
operation_result no() { return operation_result::returned(false); }
operation_result saw(std::optional<std::uint64_t> value) { return operation_result::read(value); }

check_verdict verdict_of(const std::vector<key_operation>& history,
                         key_state start = std::nullopt) {
  return check_key_history(history, start).verdict;
}

TEST(Checker, AcceptsSequentialHistoriesThatFollowTheMap) {
  EXPECT_EQ(verdict_of({}), check_verdict::linearizable);
  EXPECT_EQ(
      verdict_of(
          {op(operation_kind::insert, 1, 2, yes(), 7), op(operation_kind::find, 3, 4, saw(7)),
           op(operation_kind::update, 5, 6, yes(), 2), op(operation_kind::find, 7, 8, saw(9)),
           op(operation_kind::erase, 9, 10, yes()), op(operation_kind::contains, 11, 12, no())}),
      check_verdict::linearizable);
}

TEST(Checker, RejectsASequentialReadOfTheWrongValue) {
  EXPECT_EQ(verdict_of({op(operation_kind::insert, 1, 2, yes(), 7),
                        op(operation_kind::find, 3, 4, saw(std::nullopt))}),
            check_verdict::not_linearizable);
}

TEST(Checker, ReordersOverlappingOperations) {
  // The find began first but overlaps the write, so it may take effect after it.
  EXPECT_EQ(verdict_of({op(operation_kind::find, 1, 4, saw(5)),
                        op(operation_kind::insert_or_assign, 2, 3, yes(), 5)}),
            check_verdict::linearizable);
  // Not when the write began after the find had returned.
  EXPECT_EQ(verdict_of({op(operation_kind::find, 1, 2, saw(5)),
                        op(operation_kind::insert_or_assign, 3, 4, yes(), 5)}),
            check_verdict::not_linearizable);
}

TEST(Checker, RejectsALostIncrement) {
  // Two overlapping increments of 1 (present: upsert returns false), then a read.
  const auto with_read = [](std::uint64_t seen) {
    return std::vector{op(operation_kind::upsert, 1, 4, no(), 1, 100),
                       op(operation_kind::upsert, 2, 3, no(), 1, 100),
                       op(operation_kind::find, 5, 6, saw(seen))};
  };
  EXPECT_EQ(verdict_of(with_read(3), 1), check_verdict::linearizable);
  EXPECT_EQ(verdict_of(with_read(2), 1), check_verdict::not_linearizable);
}

TEST(Checker, RejectsTwoInsertsOfOneKeyThatBothWon) {
  EXPECT_EQ(verdict_of({op(operation_kind::insert, 1, 4, yes(), 1),
                        op(operation_kind::insert, 2, 3, yes(), 2)}),
            check_verdict::not_linearizable);
  EXPECT_EQ(verdict_of({op(operation_kind::insert, 1, 4, yes(), 1),
                        op(operation_kind::insert, 2, 3, no(), 2)}),
            check_verdict::linearizable);
}

key_operation with_failing_callbacks(key_operation operation) {
  operation.callback_throws = true;
  return operation;
}

TEST(Checker, ACallWhoseCallbackThrowsThrowsAndChangesNothing) {
  const auto threw = operation_result::thrown();
  const auto upsert_then_find = [&](std::optional<std::uint64_t> seen) {
    return std::vector{with_failing_callbacks(op(operation_kind::upsert, 1, 2, threw, 3, 7)),
                       op(operation_kind::find, 3, 4, saw(seen))};
  };
  EXPECT_EQ(verdict_of(upsert_then_find(5), 5), check_verdict::linearizable);
  EXPECT_EQ(verdict_of(upsert_then_find(std::nullopt)), check_verdict::linearizable);
  // The value a failed make() left behind (tests/broken/reserve_then_fill.hpp).
  EXPECT_EQ(verdict_of(upsert_then_find(0)), check_verdict::not_linearizable);
  // update runs its callback only on a present key.
  const auto update = [](operation_result result) {
    return std::vector{with_failing_callbacks(op(operation_kind::update, 1, 2, result, 3))};
  };
  EXPECT_EQ(verdict_of(update(no())), check_verdict::linearizable);
  EXPECT_EQ(verdict_of(update(threw)), check_verdict::not_linearizable);
  EXPECT_EQ(verdict_of(update(threw), 5), check_verdict::linearizable);
  EXPECT_EQ(verdict_of(update(yes()), 5), check_verdict::not_linearizable);
}

TEST(Checker, SaysUndecidedWhenTheBudgetRunsOut) {
  const std::vector history{op(operation_kind::insert, 1, 4, yes(), 1),
                            op(operation_kind::insert, 2, 3, yes(), 2)};
  EXPECT_EQ(check_key_history(history, std::nullopt, {.max_steps = 1, .max_memo = 10}).verdict,
            check_verdict::undecided);
}

// Histories a correct map can leave: operations take effect one at a time in a random order,
// each at an instant inside its interval, and return what the sequential map returns there.
std::vector<key_operation> generated_history(std::mt19937_64& random, std::size_t count,
                                             unsigned threads) {
  constexpr std::array kinds{operation_kind::find,   operation_kind::contains,
                             operation_kind::insert, operation_kind::insert_or_assign,
                             operation_kind::erase,  operation_kind::update,
                             operation_kind::upsert, operation_kind::clear};
  std::vector<key_operation> history;
  std::vector<std::uint64_t> busy_until(threads, 0);
  key_state state;
  for (std::uint64_t instant = 1; history.size() < count; instant += 10) {
    const unsigned thread = static_cast<unsigned>(random() % threads);
    if (busy_until[thread] >= instant) continue;  // a thread makes one call at a time
    const std::uint64_t early = random() % 40;
    key_operation made{
        .kind = kinds[random() % kinds.size()],
        .argument = random() % 1000,
        .initial = random() % 1000,
        .callback_throws = random() % 8 == 0,
        .result = {},
        .invoked = std::max(busy_until[thread] + 1, instant > early ? instant - early : 1),
        .responded = instant + 1 + random() % 40,
        .thread = thread};
    const auto step = run_alone(made, state);
    made.result = step.result;
    state = step.after;
    busy_until[thread] = made.responded;
    history.push_back(made);
  }
  return history;
}

TEST(Checker, AcceptsEveryHistoryASequentialExecutionProduces) {
  std::mt19937_64 random{2024};
  for (int round = 0; round < 500; ++round) {
    const auto history = generated_history(random, 60, 4);
    ASSERT_EQ(verdict_of(history), check_verdict::linearizable) << "round " << round;
  }
}

TEST(Shrink, KeepsOnlyWhatProvesTheViolation) {
  // A long sequential prefix, then two overlapping inserts that both won, then more traffic.
  std::vector<key_operation> history;
  std::uint64_t t = 1;
  for (int i = 0; i < 20; ++i, t += 2) {
    history.push_back(
        op(i % 2 == 0 ? operation_kind::insert_or_assign : operation_kind::find, t, t + 1,
           i % 2 == 0 ? operation_result::returned(i == 0) : saw(std::uint64_t(i - 1)),
           static_cast<std::uint64_t>(i)));
  }
  history.push_back(op(operation_kind::erase, t, t + 1, yes()));
  history.push_back(op(operation_kind::insert, t + 2, t + 5, yes(), 50, 0, 1));
  history.push_back(op(operation_kind::insert, t + 3, t + 4, yes(), 60, 0, 2));
  history.push_back(op(operation_kind::find, t + 6, t + 7, saw(50)));
  ASSERT_EQ(verdict_of(history), check_verdict::not_linearizable);

  const auto shrunk = shrink(3, history, std::nullopt);
  EXPECT_EQ(shrunk.shrunk_from, history.size());
  ASSERT_TRUE(shrunk.anchor.has_value());
  EXPECT_EQ(shrunk.anchor->kind, operation_kind::erase);  // the last isolated write before them
  ASSERT_EQ(shrunk.operations.size(), 2u);
  EXPECT_EQ(shrunk.operations[0].kind, operation_kind::insert);
  EXPECT_EQ(shrunk.operations[1].kind, operation_kind::insert);
  EXPECT_EQ(verdict_of(shrunk.operations, shrunk.start), check_verdict::not_linearizable);
}

TEST(Shrink, NeverDropsTheWriteThatExplainsAResult) {
  // Two erases of one key both succeeded (the violation). Without the insert that made the key
  // present, one erase alone would already look wrong: a fake, smaller witness.
  const std::vector history{
      op(operation_kind::insert, 1, 4, yes(), 5), op(operation_kind::find, 2, 3, saw(5)),
      op(operation_kind::erase, 5, 8, yes()), op(operation_kind::erase, 6, 7, yes())};
  const auto shrunk = shrink(0, history, std::nullopt);
  // Once the read is gone, the insert overlaps nothing and sets the state: it stays, as anchor.
  ASSERT_TRUE(shrunk.anchor.has_value());
  EXPECT_EQ(shrunk.anchor->kind, operation_kind::insert);
  EXPECT_EQ(shrunk.start, key_state{5});
  ASSERT_EQ(shrunk.operations.size(), 2u);
  EXPECT_EQ(shrunk.operations[0].kind, operation_kind::erase);
  EXPECT_EQ(shrunk.operations[1].kind, operation_kind::erase);
}

TEST(Shrink, KeepsAFailingHistoryOfOriginalOperations) {
  // Generated histories with one result falsified: whatever the shrinker keeps still fails from
  // its start state, and consists of the original operations, unchanged.
  std::mt19937_64 random{7};
  for (int round = 0; round < 300; ++round) {
    auto history = generated_history(random, 30, 3);
    auto& victim = history[random() % history.size()];
    victim.result = victim.result.value ? saw(*victim.result.value + 1)
                                        : operation_result::returned(!victim.result.flag);
    if (verdict_of(history) != check_verdict::not_linearizable) continue;
    const auto shrunk = shrink(0, history, std::nullopt);
    ASSERT_EQ(verdict_of(shrunk.operations, shrunk.start), check_verdict::not_linearizable)
        << "round " << round;
    // Every remaining operation is one of the originals, unchanged.
    for (const auto& kept : shrunk.operations) {
      EXPECT_TRUE(std::ranges::any_of(history, [&](const key_operation& original) {
        return original.invoked == kept.invoked && original.result == kept.result;
      }));
    }
  }
}

TEST(Orders, FreeOneResultAndKeepTheOthers) {
  // Two overlapping assigns from absent: whichever came first added the key.
  const std::vector assigns{op(operation_kind::insert_or_assign, 1, 4, yes(), 1),
                            op(operation_kind::insert_or_assign, 2, 3, yes(), 2)};
  EXPECT_EQ(legal_results(assigns, std::nullopt, 1), (std::set{no()}));
  const std::vector overlapping{op(operation_kind::insert_or_assign, 1, 4, yes(), 1),
                                op(operation_kind::find, 2, 3, saw(9))};
  EXPECT_EQ(legal_results(overlapping, std::nullopt, 1), (std::set{saw(std::nullopt), saw(1)}));
  EXPECT_EQ(legal_results(overlapping, std::nullopt, 0),
            (std::set<operation_result>{}));  // 9 is never written
}

TEST(Shrink, CutsAfterOperationsThatRanOneAfterTheOther) {
  // Two sequential increments whose own results do not tell the value, then a lost increment.
  const std::vector history{
      op(operation_kind::update, 1, 2, yes(), 1), op(operation_kind::update, 3, 4, yes(), 2),
      op(operation_kind::upsert, 5, 8, no(), 1, 100),
      op(operation_kind::upsert, 6, 7, no(), 1, 100), op(operation_kind::find, 9, 10, saw(5))};
  const auto shrunk = shrink(0, history, 1);
  ASSERT_TRUE(shrunk.anchor.has_value());
  EXPECT_EQ(shrunk.anchor->invoked,
            3u);  // the second update: the state after it is 4 in every order
  EXPECT_EQ(shrunk.start, key_state{4});
  EXPECT_EQ(shrunk.operations.size(), 3u);
}

TEST(Explain, BlamesTheReadThatSawALostIncrement) {
  witness failing{.key = 0,
                  .anchor = std::nullopt,
                  .start = 1,
                  .operations = {op(operation_kind::upsert, 1, 4, no(), 1, 100),
                                 op(operation_kind::upsert, 2, 3, no(), 1, 100),
                                 op(operation_kind::find, 5, 6, saw(2))},
                  .shrunk_from = 3};
  const auto why = explain(failing);
  ASSERT_TRUE(why.explained);
  EXPECT_TRUE(why.legal_results[0].empty());
  EXPECT_TRUE(why.legal_results[1].empty());
  ASSERT_EQ(why.legal_results[2].size(), 1u);
  EXPECT_EQ(why.legal_results[2][0], saw(3));
}

TEST(Projection, WholeMapOperationsAreSeenByEveryKey) {
  std::vector<thread_history> histories{{0, 4}, {1, 4}};
  auto& walk = histories[0].begin(operation_kind::for_each);
  walk.entries = {{1, 10}};
  walk.invoked = 1;
  walk.responded = 2;
  auto& wipe = histories[1].begin(operation_kind::clear);
  wipe.invoked = 3;
  wipe.responded = 4;
  auto& write = histories[1].begin(operation_kind::insert, 0);
  write.invoked = 5;
  write.responded = 6;
  const auto by_key = project_by_key(histories, 2);
  ASSERT_EQ(by_key.size(), 2u);
  ASSERT_EQ(by_key[0].size(), 3u);  // for_each (absent), clear, insert
  EXPECT_EQ(by_key[0][0].result, saw(std::nullopt));
  EXPECT_EQ(by_key[0][1].kind, operation_kind::clear);
  ASSERT_EQ(by_key[1].size(), 2u);  // for_each (10), clear
  EXPECT_EQ(by_key[1][0].result, saw(10));
}

TEST(WholeMapChecks, SizeAtTheSegmentsEndMustMatchTheFinds) {
  const auto segment_end = [](std::size_t size) {
    std::vector<thread_history> histories{{0, 1}, {1, 4}};
    std::uint64_t tick = 1;
    for (std::uint64_t key = 0; key < 2; ++key) {
      auto& read = histories[1].begin(operation_kind::find, key);
      read.result = saw(key == 0 ? std::optional<std::uint64_t>{5} : std::nullopt);
      read.invoked = tick++;
      read.responded = tick++;
    }
    auto& count = histories[1].begin(operation_kind::size);
    count.count = size;
    count.invoked = tick++;
    count.responded = tick++;
    return check_whole_map_reads(histories, 2, 1);
  };
  EXPECT_FALSE(segment_end(1).has_value());
  const auto wrong = segment_end(2);
  ASSERT_TRUE(wrong.has_value());
  EXPECT_TRUE(std::ranges::any_of(wrong->rows, [](const witness_row& row) {
    return row.kind == operation_kind::size && row.blamed && row.legal == "1";
  }));
}

TEST(WholeMapChecks, AWalkListsEachKeyOnce) {
  std::vector<thread_history> histories{{0, 1}, {1, 1}};
  histories[0].begin(operation_kind::snapshot).entries = {{1, 10}, {1, 11}};
  const auto found = check_whole_map_reads(histories, 2, 1);
  ASSERT_TRUE(found.has_value());
  EXPECT_NE(found->context.front().find("more than once"), std::string::npos);
}

}  // namespace
}  // namespace safemap::stress::linearizability
