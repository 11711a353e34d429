// One round: its plan, what each worker thread holds, the map under test, and what the round
// counted. run_round.hpp runs one.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <random>
#include <string>
#include <type_traits>
#include <vector>

#include "stress/invariants/findings.hpp"
#include "stress/progress.hpp"
#include "stress/schedule/scheduler.hpp"

namespace safemap::stress {

using steady_clock = std::chrono::steady_clock;

// What a controlled schedule did in a round.
struct schedule_totals {
  std::uint64_t steps = 0;
  std::uint64_t switches = 0;
  unsigned escapes = 0;  // > 0: the round may not replay exactly
  std::uint64_t trace_hash = 0;
};

// Gets every line of a controlled round's deadlock description and what the schedule had done
// when it deadlocked; does not return.
using round_deadlock_handler =
    std::function<void(std::vector<std::string>, const schedule_totals&)>;

struct round_plan {
  unsigned threads = 1;
  std::uint64_t ops = 1;   // per thread
  std::uint64_t keys = 1;  // key range
  std::uint64_t seed = 0;
  steady_clock::time_point deadline;
  schedule::schedule_settings schedule;
  round_deadlock_handler on_deadlock;  // for controlled schedules
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

// The map under test in a round. resize_storm replaces it between generations to grow from empty
// again.
// Each map is destroyed inside a progress_board::teardown, so a slow destructor is not a hang.
template <class Map>
class map_under_test {
 public:
  explicit map_under_test(progress_board& board) : board_{board} {}
  map_under_test(const map_under_test&) = delete;
  map_under_test& operator=(const map_under_test&) = delete;
  ~map_under_test() { destroy(); }

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

// What a workload that records its history checked (shared_keys.hpp).
struct history_totals {
  std::uint64_t operations = 0;  // recorded and checked
  std::uint64_t segments = 0;
  std::uint64_t undecided = 0;  // key histories the checker's budget could not decide
};

struct round_stats {
  std::uint64_t ops = 0;
  double seconds = 0;
  std::optional<history_totals> histories;
  std::optional<schedule_totals> schedule;
};

}  // namespace safemap::stress
