#include "stress/schedule/thread_activity.hpp"

#include <cstdio>

#include <pthread.h>
#include <unistd.h>

namespace safemap::stress::schedule {

thread_activity thread_activity::of_this_thread() {
  thread_activity activity;
  activity.kernel_id_ = gettid();
  if (pthread_getcpuclockid(pthread_self(), &activity.cpu_clock_) != 0) activity.kernel_id_ = 0;
  return activity;
}

bool thread_activity::asleep() const {
  if (kernel_id_ == 0) return true;
  char path[64];
  std::snprintf(path, sizeof path, "/proc/self/task/%d/stat", static_cast<int>(kernel_id_));
  std::FILE* file = std::fopen(path, "re");
  if (file == nullptr) return true;
  char line[512];
  const bool read = std::fgets(line, sizeof line, file) != nullptr;
  std::fclose(file);
  return !read || asleep_in(line);
}

bool thread_activity::asleep_in(std::string_view stat_line) {
  // "<id> (<name>) <state> ...": the name in parentheses may hold spaces and parentheses
  // itself, so the state follows the last ')'. R is running or runnable; D is an
  // uninterruptible sleep (a page fault that reads the disk, as when the kernel has reclaimed a
  // cold page of the executable), which ends by itself: no wait of the program's.
  const auto name_end = stat_line.rfind(')');
  if (name_end == std::string_view::npos || stat_line.size() < name_end + 3 ||
      stat_line[name_end + 1] != ' ') {
    return true;
  }
  const char state = stat_line[name_end + 2];
  return state != 'R' && state != 'D';
}

std::chrono::nanoseconds thread_activity::cpu_time() const {
  timespec used{};
  if (kernel_id_ == 0 || clock_gettime(cpu_clock_, &used) != 0) return {};
  return std::chrono::seconds{used.tv_sec} + std::chrono::nanoseconds{used.tv_nsec};
}

}  // namespace safemap::stress::schedule
