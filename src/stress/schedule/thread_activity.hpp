// thread_activity: what the kernel says a controlled thread is doing, so that the scheduler can
// tell a thread that waits outside the schedule (asleep in the kernel) or spins (uses CPU time
// without a scheduling point) from one the machine's load merely keeps off a core (runnable,
// using no CPU time). Only the first two are escapes: judged by the wall clock alone, a loaded
// machine made correct code look as if it waited outside the schedule.
#pragma once

#include <chrono>
#include <ctime>
#include <string_view>

#include <sys/types.h>

namespace safemap::stress::schedule {

class thread_activity {
 public:
  // Of the calling thread.
  static thread_activity of_this_thread();

  // Whether the thread is asleep or stopped rather than running, waiting for a core or for the
  // disk (an uninterruptible sleep: a page fault on a loaded machine lasts that long); true
  // when the kernel cannot tell (the thread has ended), so that doubt leads to an escape, the
  // scheduler's behaviour before it asked. A read of /proc, so the scheduler asks it without
  // holding its lock (scheduler.cpp, escape_if_stuck).
  bool asleep() const;
  // The same judgement of one line of /proc/<pid>/task/<id>/stat.
  static bool asleep_in(std::string_view stat_line);
  // The CPU time the thread has used; zero when the kernel cannot tell.
  std::chrono::nanoseconds cpu_time() const;

 private:
  pid_t kernel_id_ = 0;
  clockid_t cpu_clock_{};
};

}  // namespace safemap::stress::schedule
