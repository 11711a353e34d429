// The interface every workload meets, and what most of them share.
//
// A workload is a class template over the map, in a file of its own, listed once in list.hpp:
//
//   template <class Map>
//   class my_workload : public owned_keys_workload {
//    public:
//     static constexpr std::string_view name = "my_workload";      // --workload, test names
//     static constexpr std::string_view summary = "what it does";  // --describe, docs
//     using owned_keys_workload::owned_keys_workload;  // or (const round_plan&, findings&)
//     void prepare(Map&, progress_board::slot&);  // optional: before the threads start
//     void work(Map&, worker_context&);           // every thread, after the start barrier
//     void verify(Map&);                          // after every thread has returned
//   };
//
// work() gets the map under test: the round's map, or a worker's own copy of it for a map whose
// copies share state (round.hpp). A workload that replaces the map while it runs (resize_storm
// grows from empty again) takes the map_under_test<Map>& instead, in work() and verify().
// check_workload<W, Map>() names every part a workload lacks, one message each; run_round calls
// it. Values always encode their key (invariants/checks.hpp), and every key a worker writes
// alone is tracked exactly (invariants/owned_keys.hpp), so lost, stale, torn and resurrected
// entries show without a sanitizer.
#pragma once

#include <atomic>
#include <concepts>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "stress/invariants/checks.hpp"
#include "stress/invariants/findings.hpp"
#include "stress/invariants/owned_keys.hpp"
#include "stress/progress.hpp"
#include "stress/workloads/round.hpp"

namespace safemap::stress {

namespace workload_requirement {
template <class W>
concept named = requires {
  { W::name } -> std::convertible_to<std::string_view>;
  { W::summary } -> std::convertible_to<std::string_view>;
};
template <class W>
concept constructible = std::constructible_from<W, const round_plan&, findings&>;
template <class W, class Map>
concept works =
    requires(W& workload, Map& map, map_under_test<Map>& replaceable, worker_context& context) {
      requires requires { workload.work(map, context); } ||
                   requires { workload.work(replaceable, context); };
    };
template <class W, class Map>
concept verifies = requires(W& workload, Map& map, map_under_test<Map>& replaceable) {
  requires requires { workload.verify(map); } || requires { workload.verify(replaceable); };
};
}  // namespace workload_requirement

template <class W, class Map>
concept workload_of = workload_requirement::named<W> && workload_requirement::constructible<W> &&
                      workload_requirement::works<W, Map> && workload_requirement::verifies<W, Map>;

// Every unmet requirement of workload_of, at once, each with what to write.
template <class W, class Map>
consteval bool check_workload() {
  using namespace workload_requirement;
  static_assert(named<W>,
                "workload: declare `static constexpr std::string_view name` (its --workload "
                "name) and `summary` (one line for --describe and the docs)");
  static_assert(constructible<W>,
                "workload: needs a constructor from (const round_plan&, findings&); "
                "`using owned_keys_workload::owned_keys_workload;` gives one");
  static_assert(works<W, Map>,
                "workload: needs `void work(Map&, worker_context&)`, what every thread does "
                "(or work(map_under_test<Map>&, worker_context&) to replace the map)");
  static_assert(verifies<W, Map>,
                "workload: needs `void verify(Map&)`, the checks after every thread returned "
                "(or verify(map_under_test<Map>&))");
  return workload_of<W, Map>;
}

enum class own_op { assign, insert, erase, find };

// One operation on the key at `index` of the thread's own keys, checked against what the thread
// last wrote there.
template <class Map>
void apply_to_own_key(Map& map, owned_keys& own, std::size_t index, own_op op, findings& found) {
  const std::uint64_t key = own.key(index);
  auto& expected = own.expected(index);
  switch (op) {
    case own_op::assign: {
      const auto value = own.fresh_value(index);
      check_result(found, operation_kind::insert_or_assign, key, map.insert_or_assign(key, value),
                   !expected);
      expected = value;
      break;
    }
    case own_op::insert: {
      const auto value = own.fresh_value(index);
      check_result(found, operation_kind::insert, key, map.insert(key, value), !expected);
      if (!expected) expected = value;
      break;
    }
    case own_op::erase:
      check_result(found, operation_kind::erase, key, map.erase(key), expected.has_value());
      expected.reset();
      break;
    case own_op::find: check_owned(found, key, map.find(key), expected, "while running"); break;
  }
}

// The base of the workloads whose threads each write keys of their own: the plan, the findings
// sink, every thread's own keys, and the observers' wait for the writers.
class owned_keys_workload {
 public:
  owned_keys_workload(const round_plan& plan, findings& found)
      : plan_{plan},
        found_{found},
        owned_{owned_keys_per_thread(plan.threads, plan.keys)},
        writers_left_{writer_count(plan.threads)} {}

 protected:
  // Some workloads give every fourth thread a different role (iterating, clearing) that runs as
  // long as the others write.
  static bool is_observer(unsigned index, unsigned threads) {
    return threads >= 2 && index % 4 == 0;
  }

  // An observer (is_observer) repeats `step` at least once and then as long as writers work.
  template <class Step>
  void observe_while_writers_work(worker_context& context, Step step) {
    for (std::uint64_t round = 0;
         round == 0 || (writers_left_.load() > 0 && !context.past_deadline()); ++round) {
      step(round);
      context.count_op();
    }
  }
  void writer_done() { writers_left_.fetch_sub(1); }

  // The map after the run agrees with every thread's own bookkeeping.
  template <class Map>
  void verify_owned_and_size(const Map& map) {
    check_all_owned(map, owned_, found_);
    check_whole_map(map, found_, present_keys(owned_), true);
  }

  // The write mix of write_heavy, which the observers' workloads give their writers too.
  template <class Map>
  void write_one(Map& map, worker_context& context) {
    static constexpr own_op mix[] = {own_op::assign, own_op::assign, own_op::assign, own_op::assign,
                                     own_op::assign, own_op::assign, own_op::insert, own_op::erase,
                                     own_op::erase,  own_op::find};
    auto& own = owned_[context.index()];
    apply_to_own_key(map, own, context.random_below(own.size()), mix[context.random_below(10)],
                     found_);
  }

  const round_plan& plan_;
  findings& found_;
  std::vector<owned_keys> owned_;

 private:
  static unsigned writer_count(unsigned threads) {
    unsigned writers = 0;
    for (unsigned index = 0; index < threads; ++index)
      writers += is_observer(index, threads) ? 0 : 1;
    return writers;
  }

  std::atomic<unsigned> writers_left_;
};

}  // namespace safemap::stress
