// run_round(): one round of a workload on a fresh map, its threads started together (or under a
// controlled schedule), then the workload's checks.
#pragma once

#include <chrono>
#include <cstdint>
#include <latch>
#include <optional>
#include <thread>
#include <vector>

#include "stress/invariants/findings.hpp"
#include "stress/linearizability/operation.hpp"
#include "stress/linearizability/recorded_calls.hpp"
#include "stress/map/operation_kind.hpp"
#include "stress/progress.hpp"
#include "stress/schedule/scheduler.hpp"
#include "stress/signal_stack.hpp"
#include "stress/workloads/round.hpp"
#include "stress/workloads/workload.hpp"

namespace safemap::stress {

// Calls every operation once on the fresh, empty map, on one thread, before the workers start.
// ThreadSanitizer's lock-order graph then already holds every order in which the map takes its
// locks, so an inversion is reported as such even when the first concurrent run of the two
// orders would really deadlock (which TSan cannot report). Leaves the map empty.
template <class Map>
void exercise_every_operation(Map& map) {
  const auto call = [&map](operation_kind kind) {
    linearizability::recorded_operation made;
    make_call(map, {.kind = kind, .key = 0}, made);
  };
  // Every operation but the two that empty the map, in the list's order (insert before update
  // and upsert, so that they find the key), then those two.
  for (operation_kind kind : all_operations) {
    if (kind != operation_kind::erase && kind != operation_kind::clear) call(kind);
  }
  call(operation_kind::erase);
  call(operation_kind::clear);
}

// What a controlled schedule has done so far.
inline schedule_totals totals_of(const schedule::scheduler& scheduler) {
  return {.steps = scheduler.steps(),
          .switches = scheduler.switches(),
          .escapes = scheduler.escapes(),
          .trace_hash = scheduler.trace_hash()};
}

// One round of `Workload` (workload.hpp) on a fresh map: prepare, every thread's work, verify.
template <class Workload, class Map>
round_stats run_round(const round_plan& plan, progress_board& board, findings& found) {
  static_assert(check_workload<Workload, Map>());
  map_under_test<Map> tested{board};
  Workload workload{plan, found};
  exercise_every_operation(tested.get());
  if constexpr (requires { workload.prepare(tested.get(), board.coordinator()); }) {
    workload.prepare(tested.get(), board.coordinator());
  }

  std::optional<schedule::scheduler> controlled;
  if (plan.schedule.kind != schedule::schedule_kind::free) {
    controlled.emplace(plan.schedule, plan.threads, expected_schedule_steps(plan), plan.seed,
                       [&plan, &controlled](std::vector<std::string> why) {
                         plan.on_deadlock(std::move(why), totals_of(*controlled));
                       });
  }
  schedule::scheduler* const scheduler = controlled ? &*controlled : nullptr;
  std::latch start{plan.threads};
  const auto ops_before = board.workers_total();
  const auto began = steady_clock::now();
  {
    std::vector<std::jthread> workers;
    workers.reserve(plan.threads);
    for (unsigned index = 0; index < plan.threads; ++index) {
      workers.emplace_back([&, index] {
        const alternate_signal_stack crash_stack;
        board.worker(index).record_thread_id();
        worker_context context{plan, index, board.worker(index)};
        // Everyone starts together, for the most overlap; a controlled round starts its first
        // thread once every thread has taken its seat.
        const schedule::scheduler::seat seat{scheduler, index};
        if (scheduler == nullptr) start.arrive_and_wait();
        if constexpr (requires { workload.work(tested, context); }) {
          workload.work(tested, context);
        } else {
          worker_handle<Map> handle{tested.get()};
          workload.work(handle.get(), context);
        }
      });
    }
  }
  round_stats stats{.ops = board.workers_total() - ops_before,
                    .seconds = std::chrono::duration<double>(steady_clock::now() - began).count(),
                    .histories = std::nullopt,
                    .schedule = std::nullopt};
  if (scheduler != nullptr) {
    stats.schedule = totals_of(*scheduler);
  }
  if constexpr (requires { workload.verify(tested); }) {
    workload.verify(tested);
  } else {
    workload.verify(tested.get());
  }
  if constexpr (requires { workload.checked(); }) stats.histories = workload.checked();
  return stats;
}

}  // namespace safemap::stress
