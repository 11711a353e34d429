// uncontrolled: the calls of a blocking primitive the scheduler models (blocking_hooks.cpp) that
// threads outside every schedule make while an exploration runs (explore/explore.hpp). Such a
// call does not reach the schedule (a signal no controlled waiter sees, a wait no controlled
// signal ends, a post or a join the strategy did not choose), so an exploration that saw one is
// not fully controlled: each is counted by kind, and every report says so in the one sentence
// message() makes. Header-only, so that safemap-explore, which reads the counts a run wrote,
// shares it without linking the harness.
#pragma once

#include <array>
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>

namespace safemap::stress::schedule {

// The kinds counted, in the order messages list them.
enum class blocking_kind : std::size_t {
  thread_join,
  condition_variable,
  semaphore,
  barrier,
  futex,
};
inline constexpr std::array all_blocking_kinds{
    blocking_kind::thread_join, blocking_kind::condition_variable, blocking_kind::semaphore,
    blocking_kind::barrier, blocking_kind::futex};

constexpr std::string_view name_of(blocking_kind kind) {
  switch (kind) {
    case blocking_kind::thread_join: return "thread join";
    case blocking_kind::condition_variable: return "condition variable";
    case blocking_kind::semaphore: return "semaphore";
    case blocking_kind::barrier: return "barrier";
    case blocking_kind::futex: return "futex";
  }
  return "futex";
}

// Calls by kind.
class uncontrolled_counts {
 public:
  void add(blocking_kind kind, std::uint64_t calls) {
    calls_[static_cast<std::size_t>(kind)] += calls;
  }
  std::uint64_t of(blocking_kind kind) const { return calls_[static_cast<std::size_t>(kind)]; }
  std::uint64_t total() const {
    std::uint64_t sum = 0;
    for (const std::uint64_t calls : calls_) sum += calls;
    return sum;
  }

  uncontrolled_counts& operator+=(const uncontrolled_counts& more) {
    for (const blocking_kind kind : all_blocking_kinds) add(kind, more.of(kind));
    return *this;
  }
  // The calls made since `earlier` was read.
  uncontrolled_counts since(const uncontrolled_counts& earlier) const {
    uncontrolled_counts made;
    for (const blocking_kind kind : all_blocking_kinds) made.add(kind, of(kind) - earlier.of(kind));
    return made;
  }

  // By name_of(kind), for the schedule summary a run writes (JSON) and safemap-explore reads.
  std::map<std::string, std::uint64_t> by_name() const {
    std::map<std::string, std::uint64_t> named;
    for (const blocking_kind kind : all_blocking_kinds) {
      if (of(kind) > 0) named.emplace(name_of(kind), of(kind));
    }
    return named;
  }
  static uncontrolled_counts from_names(const std::map<std::string, std::uint64_t>& named) {
    uncontrolled_counts counts;
    for (const blocking_kind kind : all_blocking_kinds) {
      if (const auto found = named.find(std::string{name_of(kind)}); found != named.end()) {
        counts.add(kind, found->second);
      }
    }
    return counts;
  }

  // What every report of these calls says: "3 calls of controlled blocking primitives by
  // threads outside the schedule (condition variable 2, semaphore 1): ...".
  std::string message() const {
    std::string kinds;
    for (const blocking_kind kind : all_blocking_kinds) {
      if (of(kind) == 0) continue;
      kinds +=
          (kinds.empty() ? "" : ", ") + std::string{name_of(kind)} + " " + std::to_string(of(kind));
    }
    return std::to_string(total()) +
           " calls of controlled blocking primitives by threads outside the schedule (" + kinds +
           "): the exploration did not control them (start those threads inside the schedule)";
  }

 private:
  std::array<std::uint64_t, all_blocking_kinds.size()> calls_{};
};

// Explorations in progress in this process: only meanwhile are calls counted.
inline std::atomic<unsigned> explorations_running{0};

// The thread that runs an exploration (explore()) starts and joins its controlled thread from
// outside the schedule by design: its calls are not counted.
inline thread_local bool runs_an_exploration = false;

// The calls of this process so far, by kind.
inline std::array<std::atomic<std::uint64_t>, all_blocking_kinds.size()> uncontrolled_calls{};

inline uncontrolled_counts uncontrolled_so_far() {
  uncontrolled_counts counts;
  for (const blocking_kind kind : all_blocking_kinds) {
    counts.add(kind, uncontrolled_calls[static_cast<std::size_t>(kind)].load());
  }
  return counts;
}

// While it lives, an exploration runs on the calling thread.
class exploration_scope {
 public:
  exploration_scope() {
    ++explorations_running;
    runs_an_exploration = true;
  }
  exploration_scope(const exploration_scope&) = delete;
  exploration_scope& operator=(const exploration_scope&) = delete;
  ~exploration_scope() {
    runs_an_exploration = false;
    --explorations_running;
  }
};

}  // namespace safemap::stress::schedule
