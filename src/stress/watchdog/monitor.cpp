#include "stress/watchdog/monitor.hpp"

#include <sys/syscall.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <set>
#include <tuple>

#include "stress/exit_code.hpp"
#include "stress/watchdog/crash_report.hpp"
#include "stress/watchdog/stack_dump.hpp"

namespace safemap::stress {
namespace {

using clock = std::chrono::steady_clock;

double seconds_between(clock::time_point from, clock::time_point to) {
  return std::chrono::duration<double>(to - from).count();
}

bool waits_in_kernel(const thread_stack& thread) {
  // A blocked thread sits in a futex (mutex, condition variable, barrier, atomic wait) within
  // its innermost frames; a spinning one does not.
  const std::size_t innermost = std::min<std::size_t>(thread.frames.size(), 6);
  return std::any_of(thread.frames.begin(),
                     thread.frames.begin() + static_cast<std::ptrdiff_t>(innermost),
                     [](const frame& each) {
                       return each.function.find("futex") != std::string::npos ||
                              each.function.find("lll_lock_wait") != std::string::npos;
                     });
}

std::size_t frames_in(const thread_stack& thread, const std::string& file) {
  return static_cast<std::size_t>(std::ranges::count(thread.frames, file, &frame::file));
}

}  // namespace

monitor::monitor(progress_board& board, monitor_settings settings, stall_handler on_stall)
    : board_{board},
      settings_{std::move(settings)},
      on_stall_{std::move(on_stall)},
      thread_{[this](const std::stop_token& stop) { watch(stop); }} {}

monitor::~monitor() {
  thread_.request_stop();
  wake_.notify_all();
}

void monitor::watch(const std::stop_token& stop) {
  const bool live = settings_.progress == progress_mode::live ||
                    (settings_.progress == progress_mode::automatic && ::isatty(STDERR_FILENO));
  const bool periodic = settings_.progress != progress_mode::off && !live;
  if (settings_.watchdog_s > 0) allow_debugger_attach();

  const auto tick = std::chrono::milliseconds{live ? 250 : 100};
  std::uint64_t last_total = board_.total();
  auto last_change = clock::now();
  auto last_line = clock::now();
  const safemap::lock_guard lock{mutex_};
  while (!stop.stop_requested()) {
    mutex_.wait_for(wake_, stop, tick, [] { return false; });
    if (stop.stop_requested()) break;
    const auto now = clock::now();
    if (const auto total = board_.total(); total != last_total) {
      last_total = total;
      last_change = now;
    }
    // A crashing thread's peers stop making progress while its report is collected.
    const bool in_teardown = board_.in_teardown();
    const double limit = settings_.watchdog_s * (in_teardown ? teardown_watchdog_periods : 1);
    if (const double stalled = seconds_between(last_change, now);
        settings_.watchdog_s > 0 && stalled >= limit && !crash_report_in_progress()) {
      report_stall(stalled, in_teardown);
    }
    if (live || (periodic && seconds_between(last_line, now) >= settings_.progress_every_s)) {
      show_progress(live, now);
      last_line = now;
    }
  }
  if (live) std::cerr << "\r\033[K" << std::flush;
}

void monitor::show_progress(bool live, clock::time_point now) {
  const auto total = board_.total();
  const double rate =
      static_cast<double>(total - shown_ops_) / std::max(1e-9, seconds_between(shown_at_, now));
  char line[512];
  std::snprintf(line, sizeof line, "[safemap-stress] %s: %llu ops, %.0f ops/s",
                board_.stage().c_str(), static_cast<unsigned long long>(total), rate);
  if (live) {
    std::cerr << "\r\033[K" << line << std::flush;
  } else {
    std::cerr << line << '\n' << std::flush;
  }
  shown_ops_ = total;
  shown_at_ = now;
}

std::vector<thread_stack> monitor::ranked_stacks(std::string& failure) const {
  const auto dump = capture_all_thread_backtraces(::getpid(), 60);
  failure = dump.failure;
  auto threads = parse_gdb_backtraces(dump.text);
  // Workers first; among them the ones deepest in the variant's own code: a thread that holds a
  // lock and waits inside the variant again is the one the others queue behind.
  const auto worker_ids = board_.worker_thread_ids();
  const std::set<int> workers(worker_ids.begin(), worker_ids.end());
  const auto rank = [&](const thread_stack& thread) {
    return std::tuple{!workers.contains(thread.lwp),
                      -static_cast<std::ptrdiff_t>(frames_in(thread, settings_.variant_source)),
                      thread.number};
  };
  std::ranges::sort(
      threads, [&](const thread_stack& a, const thread_stack& b) { return rank(a) < rank(b); });
  return threads;
}

void monitor::report_stall(double stalled_s, bool in_teardown) {
  char stalled[64];
  std::snprintf(stalled, sizeof stalled, "%.1f", stalled_s);
  std::cerr << "\n[safemap-stress] no progress for " << stalled << " s during " << board_.stage()
            << (in_teardown ? ", destroying the map" : "")
            << "; collecting the stacks of all threads with gdb" << '\n';
  std::string failure;
  auto threads = ranked_stacks(failure);

  // Who must be blocked for a deadlock: the workers while a round runs; the threads inside the
  // variant (its destructor) during a teardown, when no worker is left.
  const auto worker_ids = board_.worker_thread_ids();
  const std::set<int> workers(worker_ids.begin(), worker_ids.end());
  const auto must_be_blocked = [&](const thread_stack& thread) {
    return in_teardown ? frames_in(thread, settings_.variant_source) > 0
                       : workers.contains(thread.lwp);
  };
  const bool all_blocked = !threads.empty() &&
                           (!in_teardown || std::ranges::any_of(threads, must_be_blocked)) &&
                           std::ranges::all_of(threads, [&](const thread_stack& thread) {
                             return !must_be_blocked(thread) || waits_in_kernel(thread);
                           });
  const std::string stall = threads.empty() ? "no progress" : all_blocked ? "deadlock" : "livelock";
  const std::string silence = "no progress for " + std::string{stalled} + " s" +
                              (in_teardown ? " while destroying the map" : "");
  end_with_stacks(in_teardown ? "teardown " + stall : stall, {silence}, std::move(threads),
                  failure);
}

void monitor::report_deadlock(std::vector<std::string> messages) {
  std::cerr << "\n[safemap-stress] deadlock during " << board_.stage()
            << "; collecting the stacks of all threads with gdb" << '\n';
  std::string failure;
  auto threads = ranked_stacks(failure);
  end_with_stacks("deadlock", std::move(messages), std::move(threads), failure);
}

void monitor::end_with_stacks(std::string kind, std::vector<std::string> messages,
                              std::vector<thread_stack> threads, const std::string& failure) {
  report finding{.tool = "SafemapWatchdog",
                 .kind = std::move(kind),
                 .messages = std::move(messages),
                 .stacks = {}};
  finding.messages.front() += threads.empty() ? "; no stacks: " + failure
                                              : "; stacks of all threads follow (workers first)";
  for (auto& thread : threads) finding.stacks.push_back(as_report_stack(thread));
  std::cerr << format_report(finding) << std::flush;
  if (on_stall_) on_stall_(finding);
  std::fflush(nullptr);
  // Straight to the kernel: the stuck threads may hold locks that exit handlers (or a
  // sanitizer's end-of-run checks) would wait for, and a thread-leak report would only add noise.
  ::syscall(SYS_exit_group, exit_no_progress);
  std::abort();  // not reached
}

}  // namespace safemap::stress
