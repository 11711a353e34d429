// One round: a fresh map, a workload, N threads that start together, then the workload's checks.
#pragma once

#include <chrono>
#include <cstdint>
#include <latch>
#include <memory>
#include <optional>
#include <random>
#include <thread>
#include <type_traits>
#include <vector>

#include "stress/invariants/findings.hpp"
#include "stress/progress.hpp"
#include "stress/schedule/scheduler.hpp"
#include "stress/signal_stack.hpp"

namespace safemap::stress {

using steady_clock = std::chrono::steady_clock;

struct round_plan {
  unsigned threads = 1;
  std::uint64_t ops = 1;   // per thread
  std::uint64_t keys = 1;  // key range
  std::uint64_t seed = 0;
  steady_clock::time_point deadline;
  schedule::schedule_settings schedule;
  schedule::scheduler::deadlock_handler on_deadlock;  // for controlled schedules
};

// A PCT round's k, the steps its priority changes fall among: about four scheduling points per
// operation (the operation's boundary, a lock, an unlock, a little slack).
inline std::uint64_t expected_schedule_steps(const round_plan& plan) {
  return plan.threads * plan.ops * 4;
}

// What one worker thread holds: its index, its random numbers, its operation budget.
class worker_context {
 public:
  worker_context(const round_plan& plan, unsigned index, progress_board::slot& progress)
      : plan_{plan},
        index_{index},
        progress_{progress},
        random_{plan.seed * 0x9E3779B97F4A7C15ULL + index} {}

  unsigned index() const { return index_; }
  const round_plan& plan() const { return plan_; }

  std::uint64_t random_below(std::uint64_t bound) { return random_() % bound; }

  // Counts the operation about to run; false once the budget or the round's time is spent.
  // Operation boundaries are scheduling points of a controlled schedule.
  bool next_op() {
    if (done_ == plan_.ops || ((done_ & 63) == 0 && past_deadline())) return false;
    ++done_;
    progress_.advance();
    schedule::point();
    return true;
  }
  // For roles that run as long as others work rather than for a budget.
  void count_op() {
    progress_.advance();
    schedule::point();
  }
  bool past_deadline() const { return steady_clock::now() >= plan_.deadline; }

 private:
  const round_plan& plan_;
  unsigned index_;
  progress_board::slot& progress_;
  std::mt19937_64 random_;
  std::uint64_t done_ = 0;
};

// The map a round runs on. resize_storm replaces it between generations to grow from empty again.
// Each map is destroyed inside a progress_board::teardown, so a slow destructor is not a hang.
template <class Map>
class map_slot {
 public:
  explicit map_slot(progress_board& board) : board_{board} {}
  map_slot(const map_slot&) = delete;
  map_slot& operator=(const map_slot&) = delete;
  ~map_slot() { destroy(); }

  Map& get() { return *map_; }
  void renew() {
    destroy();
    map_ = std::make_unique<Map>();
  }

 private:
  void destroy() {
    const progress_board::teardown tearing_down{board_};
    map_.reset();
  }

  progress_board& board_;
  std::unique_ptr<Map> map_ = std::make_unique<Map>();
};

// A map type whose copies are handles sharing one state declares
//   static constexpr bool copies_share_state = true;
// Real code hands such handles to threads by value, so each worker then gets its own copy,
// exactly as production would: the copy must still be safe to use beside the others.
template <class Map>
concept shares_state_when_copied = requires { requires Map::copies_share_state; };

template <class Map>
class worker_handle {
 public:
  explicit worker_handle(Map& shared) : map_{shared} {}
  Map& get() { return map_; }

 private:
  std::conditional_t<shares_state_when_copied<Map>, Map, Map&> map_;
};

// Calls every operation once on the fresh, empty map, on one thread, before the workers start.
// ThreadSanitizer's lock-order graph then already holds every order in which the map takes its
// locks, so an inversion is reported as such even when the first concurrent run of the two
// orders would really deadlock (which TSan cannot report). Leaves the map empty.
template <class Map>
void exercise_every_operation(Map& map) {
  constexpr std::uint64_t key = 0;
  map.insert(key, 0);
  map.insert_or_assign(key, 0);
  (void)map.find(key);
  (void)map.contains(key);
  (void)map.size();
  (void)map.empty();
  map.update(key, [](std::uint64_t&) {});
  map.upsert(key, [] { return std::uint64_t{0}; }, [](std::uint64_t&) {});
  map.for_each([](std::uint64_t, std::uint64_t) {});
  (void)map.snapshot();
  map.erase(key);
  map.clear();
}

// What a workload that records its history checked (shared_keys.hpp).
struct history_totals {
  std::uint64_t operations = 0;  // recorded and checked
  std::uint64_t segments = 0;
  std::uint64_t undecided = 0;  // key histories the checker's budget could not decide
};

// What a controlled schedule did in a round.
struct schedule_totals {
  std::uint64_t steps = 0;
  std::uint64_t switches = 0;
  unsigned escapes = 0;  // > 0: the round may not replay exactly
  std::uint64_t trace_hash = 0;
};

struct round_stats {
  std::uint64_t ops = 0;
  double seconds = 0;
  std::optional<history_totals> histories;
  std::optional<schedule_totals> schedule;
};

// Workload<Map> is constructed from (plan, slot, oracle) and has prepare(progress slot),
// work(worker_context&) and verify(); see workloads.hpp.
template <class Workload, class Map>
round_stats run_round(const round_plan& plan, progress_board& board, oracle& found) {
  map_slot<Map> slot{board};
  Workload workload{plan, slot, found};
  exercise_every_operation(slot.get());
  workload.prepare(board.coordinator());

  std::optional<schedule::scheduler> controlled;
  if (plan.schedule.kind != schedule::schedule_kind::free) {
    controlled.emplace(plan.schedule, plan.threads, expected_schedule_steps(plan), plan.seed,
                       plan.on_deadlock);
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
        workload.work(context);
      });
    }
  }
  round_stats stats{.ops = board.workers_total() - ops_before,
                    .seconds = std::chrono::duration<double>(steady_clock::now() - began).count(),
                    .histories = std::nullopt,
                    .schedule = std::nullopt};
  if (scheduler != nullptr) {
    stats.schedule = schedule_totals{.steps = scheduler->steps(),
                                     .switches = scheduler->switches(),
                                     .escapes = scheduler->escapes(),
                                     .trace_hash = scheduler->trace_hash()};
  }
  workload.verify();
  if constexpr (requires { workload.checked(); }) stats.histories = workload.checked();
  return stats;
}

}  // namespace safemap::stress
