// watchdog/: is the run still moving, and where did it crash
//
// monitor: one thread beside the workers that (1) shows progress — a live line on a terminal,
// a periodic line in CI logs — and (2) is the watchdog: when the operation counters stop moving
// for the watchdog period it prints every thread's stack as a SafemapWatchdog report and ends
// the process with exit_no_progress (4). A deadlock is a finding with stacks, not a CI time-out.
// While a map is being destroyed (progress_board::teardown) the limit is longer, and a teardown
// that exceeds it is reported as a "teardown deadlock" or "teardown livelock".
#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <string>
#include <thread>
#include <vector>

#include <safemap/thread_annotations.hpp>

#include "stress/progress.hpp"
#include "stress/report.hpp"
#include "stress/watchdog/stack_dump.hpp"

namespace safemap::stress {

// A map's destruction may stay silent this many watchdog periods before it counts as a hang.
inline constexpr double teardown_watchdog_periods = 12;

struct monitor_settings {
  double watchdog_s = 0;  // 0: no watchdog; teardown_watchdog_periods times this for a teardown
  progress_mode progress = progress_mode::automatic;
  double progress_every_s = 10;
  std::string variant_source;  // stacks that run through this file are listed first
};

class monitor {
 public:
  // Runs on the monitor thread after the report is printed, just before the process exits.
  using stall_handler = std::function<void(const report&)>;

  monitor(progress_board& board, monitor_settings settings, stall_handler on_stall);
  monitor(const monitor&) = delete;
  monitor& operator=(const monitor&) = delete;
  ~monitor();

  // A deadlock a controlled schedule saw (schedule/scheduler.hpp): reported at once, like a
  // stall, with `messages` (who waits for what) and every thread's stack; ends the process.
  [[noreturn]] void report_deadlock(std::vector<std::string> messages);

 private:
  void watch(const std::stop_token& stop);
  void show_progress(bool live, std::chrono::steady_clock::time_point now) SAFEMAP_REQUIRES(mutex_);
  [[noreturn]] void report_stall(double stalled_s, bool in_teardown);
  std::vector<thread_stack> ranked_stacks(std::string& failure) const;
  [[noreturn]] void end_with_stacks(std::string kind, std::vector<std::string> messages,
                                    std::vector<thread_stack> threads, const std::string& failure);

  progress_board& board_;
  monitor_settings settings_;
  stall_handler on_stall_;
  // Held by the monitor thread while it runs, released while it sleeps on wake_.
  safemap::mutex mutex_;
  std::condition_variable_any wake_;
  std::uint64_t shown_ops_ SAFEMAP_GUARDED_BY(mutex_) = 0;
  std::chrono::steady_clock::time_point shown_at_ SAFEMAP_GUARDED_BY(mutex_) =
      std::chrono::steady_clock::now();
  std::jthread thread_;  // last: starts after everything it uses exists
};

}  // namespace safemap::stress
