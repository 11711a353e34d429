// The programs whose schedules explore_throughput times (explore_throughput.cpp, in-process,
// and one_schedule.cpp, a process per schedule): each starts two threads and joins them; the
// body's kind says what the threads do in between. `empty` and `threads_only` are the layers
// under the two real ones, timed to show where a schedule's time goes.
#pragma once

#include <array>
#include <condition_variable>
#include <optional>
#include <string_view>
#include <thread>

#include <safemap/thread_annotations.hpp>

namespace safemap::bench::explore_throughput {

enum class body_kind {
  empty,         // nothing: no thread started
  threads_only,  // two threads that do nothing, started and joined
  mutex,         // each thread locks and unlocks one shared mutex `rounds` times
  handoff        // the threads pass a turn back and forth through a condition variable
};

// Per thread: lock/unlock pairs (mutex), or turns taken (handoff).
inline constexpr int rounds = 5;

struct body_entry {
  body_kind kind;
  std::string_view name;
};

inline constexpr std::array bodies{
    body_entry{body_kind::empty, "empty"},
    body_entry{body_kind::threads_only, "threads_only"},
    body_entry{body_kind::mutex, "mutex"},
    body_entry{body_kind::handoff, "handoff"},
};

inline std::optional<body_kind> body_named(std::string_view name) {
  for (const auto& entry : bodies) {
    if (entry.name == name) return entry.kind;
  }
  return std::nullopt;
}

inline std::string_view name_of(body_kind kind) {
  for (const auto& entry : bodies) {
    if (entry.kind == kind) return entry.name;
  }
  return "?";
}

template <class Work>
void on_two_threads(Work work) {
  std::thread first{work, 0};
  std::thread second{work, 1};
  first.join();
  second.join();
}

struct shared_counter {
  safemap::mutex lock;
  int count SAFEMAP_GUARDED_BY(lock) = 0;

  void add(int /*thread*/) {
    for (int round = 0; round < rounds; ++round) {
      const safemap::lock_guard held{lock};
      ++count;
    }
  }
};

struct turn_passing {
  safemap::mutex lock;
  std::condition_variable turn_changed;
  int turn SAFEMAP_GUARDED_BY(lock) = 0;

  void take_turns(int thread) {
    for (int round = 0; round < rounds; ++round) {
      const safemap::lock_guard held{lock};
      while (turn != thread) lock.wait(turn_changed);
      turn = 1 - thread;
      turn_changed.notify_one();
    }
  }
};

inline void run_body(body_kind kind) {
  switch (kind) {
    case body_kind::empty: return;
    case body_kind::threads_only: return on_two_threads([](int /*thread*/) {});
    case body_kind::mutex: {
      shared_counter counter;
      return on_two_threads([&](int thread) { counter.add(thread); });
    }
    case body_kind::handoff: {
      turn_passing turns;
      return on_two_threads([&](int thread) { turns.take_turns(thread); });
    }
  }
}

}  // namespace safemap::bench::explore_throughput
