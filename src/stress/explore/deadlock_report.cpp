#include "stress/explore/deadlock_report.hpp"

#include <sys/syscall.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <iterator>
#include <string_view>
#include <tuple>

#include "stress/exit_code.hpp"
#include "stress/report.hpp"
#include "stress/watchdog/stack_dump.hpp"

namespace safemap::stress::explore {
namespace {

// Which model of a blocking call a thread's stack waits in, as a rank: a deadlock report lists
// the threads waiting on a condition variable first, then those waiting on a semaphore, barrier
// or futex, then those waiting for a lock, then the joiners and the rest, so that it is located
// where the program waits for what never comes.
int wait_rank(const thread_stack& thread) {
  constexpr std::string_view waits[] = {"scheduler::wait_for_signal",
                                        "scheduler::wait_for_condition", "scheduler::wait_to_lock",
                                        "scheduler::join"};
  for (std::size_t rank = 0; rank < std::size(waits); ++rank) {
    if (std::ranges::any_of(thread.frames, [&](const frame& called) {
          return called.function.find(waits[rank]) != std::string::npos;
        })) {
      return static_cast<int>(rank);
    }
  }
  return static_cast<int>(std::size(waits));
}

}  // namespace

void prepare_deadlock_reports() { allow_debugger_attach(); }

void report_deadlock(std::vector<std::string> why) {
  const auto dump = capture_all_thread_backtraces(::getpid(), 60);
  auto threads = parse_gdb_backtraces(dump.text);
  std::ranges::sort(threads, [](const thread_stack& a, const thread_stack& b) {
    return std::tuple{wait_rank(a), a.number} < std::tuple{wait_rank(b), b.number};
  });
  report finding{
      .tool = "SafemapWatchdog", .kind = "deadlock", .messages = std::move(why), .stacks = {}};
  finding.messages.front() += threads.empty()
                                  ? "; no stacks: " + dump.failure
                                  : "; stacks of all threads follow (waiting threads first)";
  for (auto& thread : threads) finding.stacks.push_back(as_report_stack(thread));
  std::fputs(format_report(finding).c_str(), stderr);
  std::fflush(nullptr);
  // Straight to the kernel: the waiting threads hold locks that exit handlers may want.
  ::syscall(SYS_exit_group, exit_no_progress);
  std::abort();  // not reached
}

}  // namespace safemap::stress::explore
