// How a controlled round picks the thread that runs next (`--schedule`, docs/harness.md,
// "Controlled schedules"):
//   free    the operating system schedules the threads; nothing is controlled (the default).
//   random  at every scheduling point, any ready thread, uniformly.
//   pct     Probabilistic Concurrency Testing (Burckhardt et al., ASPLOS 2010): every thread
//           gets a random priority, the highest ready one runs, and at depth-1 random steps the
//           running thread drops below all others. A bug that needs d ordered events among n
//           threads and k steps is found with probability >= 1/(n * k^(d-1)) per round.
// Both draw from one seed, so a round's schedule is a function of its seed. A script (the
// two-thread fuzzer's, src/stress/differential/two_threads.hpp) makes the first choices instead.
#pragma once

#include <array>
#include <chrono>
#include <cstdint>
#include <optional>
#include <random>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <safemap/detail/sanitizer.hpp>

namespace safemap::stress::schedule {

enum class schedule_kind { free, random, pct };

inline constexpr std::array all_schedules{schedule_kind::free, schedule_kind::random,
                                          schedule_kind::pct};

std::string_view name_of(schedule_kind kind);
std::optional<schedule_kind> schedule_named(std::string_view name);
std::string schedule_names();  // "free, random, pct", for messages

// Controlled rounds run their threads one at a time: more than this many only makes them long.
inline constexpr unsigned max_controlled_threads = 64;

struct schedule_settings {
  schedule_kind kind = schedule_kind::free;
  unsigned pct_depth = 3;  // d: the number of ordered events a bug may need
  // Choices made before `kind`'s: at the i-th scheduling point where several threads are ready,
  // ready[script[i] % ready count] runs. A fuzzer chooses schedules by mutating the script.
  std::vector<std::uint8_t> script{};
  // Whether a condition variable's wait may also end unsignalled, as POSIX allows (a spurious
  // wakeup): one more choice for the strategy, offered only beside another ready thread.
  bool spurious_wakeups = false;
  // A schedule in which one thread makes no scheduling point for this long while no other can
  // run ends with a no-progress report (scheduler::escape_if_stuck, check_progress): an
  // operation that never returns, or a wait nobody models that nobody will end, is reported
  // instead of waited for.
  std::chrono::milliseconds no_progress_after{60'000};
  // Whether every atomic operation of a controlled thread is a scheduling point too, in builds
  // that have them (atomic_points_built); off, atomics run within a turn.
  bool atomic_points = true;
  // Whether every plain memory access of a controlled thread outside its own stack is a
  // scheduling point too, in executables that have them (memory_points_built): a race inside
  // one operation (a plain increment's load and store) can then be interleaved. Off by default.
  bool memory_points = false;
};

// Whether atomics are scheduling points in this executable: only ThreadSanitizer's
// instrumentation turns each atomic operation into a call, which the tsan builds wrap
// (atomic_hooks.cpp) and builds without a sanitizer define, where the executable's code asked
// for it (points_runtime.cpp, whose start is noted here).
bool atomic_points_built();
// Whether plain memory accesses can be scheduling points in this executable: where the
// scheduling-points runtime started and its compiler instruments them (g++; clang's points
// build leaves them out).
bool memory_points_built();
void note_points_runtime(bool with_memory_accesses);

class chooser {
 public:
  // expected_steps: PCT's k, where its change points fall (an estimate of the round's steps).
  chooser(const schedule_settings& settings, unsigned threads, std::uint64_t expected_steps,
          std::uint64_t seed);

  // The thread to run at scheduling point `step`, among `ready` (not empty, ascending);
  // `running` made the step and may itself be in `ready`.
  unsigned choose(std::uint64_t step, unsigned running, std::span<const unsigned> ready);

  // A thread started during the round, numbered threads-so-far. Under pct it takes a random
  // rank among the initial priorities, as if it had been there from the start.
  void add_thread();

 private:
  unsigned choose_by_priority(std::uint64_t step, unsigned running,
                              std::span<const unsigned> ready);

  // PCT promises nothing for a thread that waits in a loop for another (an observer polling
  // until the writers finish): the highest-priority thread would spin forever. A thread that
  // ran this many steps in a row while another was ready drops below every other.
  static constexpr std::uint64_t starvation_steps = 256;

  schedule_kind kind_;
  std::vector<std::uint8_t> script_;
  std::size_t scripted_ = 0;  // choices taken from script_
  std::mt19937_64 random_;
  long depth_;
  std::vector<long> priority_;  // pct: per thread, higher runs first
  struct change_point {
    std::uint64_t step;
    long priority;
  };
  std::vector<change_point> change_points_;  // pct: by ascending step
  std::size_t next_change_ = 0;
  long lowest_ = 0;
  unsigned last_chosen_ = 0;
  std::uint64_t run_length_ = 0;
};

}  // namespace safemap::stress::schedule
