// safemap::stress::differential — two-thread programs under a chosen schedule, with the
// linearizability checker as the model: the fuzzer (fuzz_schedules.cpp) picks the operations of
// two threads and, through a schedule script, which thread runs at every scheduling point where
// both could (each lock and unlock, and each operation's end: schedule/scheduler.hpp). After
// both finish, the reads of shared_keys' segment end are made alone, and every key's history must
// be linearizable from the empty map (linearizability/checker.hpp). A violation is shrunk and
// reported as the stress harness reports it: SafemapLinearizability, located at the map's own
// member functions.
//
// Encoding: byte 0 is the number of operations (modulo max_operations + 1); then two bytes an
// operation, [thread in bit 7, kind in bits 0-6 (shared_keys' mix)][key in bit 0, bits 1-3 all
// set: update's or upsert's callbacks throw (injected_failure.hpp), amount added by update /
// upsert in bits 4-7]; every byte after them is the schedule script
// (schedule_settings::script), then random choices from seed 0. Every byte string is a valid
// case, and a case replays exactly: same bytes, same schedule.
// Thread safety: each call runs its own map and threads.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <thread>
#include <vector>

#include "stress/linearizability/history.hpp"
#include "stress/linearizability/recorded_calls.hpp"
#include "stress/map/operation_sites.hpp"
#include "stress/schedule/scheduler.hpp"

namespace safemap::stress::differential {

inline constexpr unsigned case_threads = 2;
inline constexpr std::uint64_t case_keys = 2;  // two threads on two keys collide often
inline constexpr std::size_t max_operations = 32;

struct two_thread_case {
  std::array<std::vector<planned_call>, case_threads> calls;
  std::vector<std::uint8_t> script;
};

two_thread_case decode_two_threads(std::span<const std::uint8_t> bytes);

// Every key's history checked; the formatted report of the first violation, if any.
// `histories`: the threads' and, last, the end reads' (made by thread case_threads).
std::optional<std::string> first_violation(
    std::span<const linearizability::thread_history> histories, const operation_sites& sites);

// Prints the deadlock a schedule led to, with the bytes' schedule replaying it, and aborts.
[[noreturn]] void report_schedule_deadlock(const std::vector<std::string>& waits);

// Runs `program` on a fresh Map under its schedule; the report of its violation, if any.
template <class Map>
std::optional<std::string> run_two_threads(const two_thread_case& program) {
  namespace lin = linearizability;
  Map map;
  lin::history_clock clock;
  std::vector<lin::thread_history> histories;
  for (unsigned thread = 0; thread < case_threads; ++thread)
    histories.emplace_back(thread, program.calls[thread].size());
  histories.emplace_back(case_threads, read_everything_calls(case_keys));

  const schedule::schedule_settings settings{.kind = schedule::schedule_kind::random,
                                             .script = program.script};
  schedule::scheduler scheduler{settings, case_threads, 4 * max_operations, 0,
                                report_schedule_deadlock};
  {
    std::array<std::jthread, case_threads> threads;
    for (unsigned thread = 0; thread < case_threads; ++thread) {
      threads[thread] = std::jthread{[&, thread] {
        const schedule::scheduler::seat seat{&scheduler, thread};
        for (const planned_call& call : program.calls[thread]) {
          make_recorded_call(map, call, histories[thread], clock);
          schedule::point();
        }
      }};
    }
  }
  read_everything(map, case_keys, histories.back(), clock);
  return first_violation(histories, operation_sites::of<Map>());
}

}  // namespace safemap::stress::differential
