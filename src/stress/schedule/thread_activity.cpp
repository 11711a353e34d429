#include "stress/schedule/thread_activity.hpp"

#include <cstdio>
#include <cstring>

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
  // /proc/self/task/<id>/stat: "<id> (<name>) <state> ...", the name in parentheses may hold
  // spaces and parentheses itself, so the state follows the last ')'. R is running or runnable.
  char path[64];
  std::snprintf(path, sizeof path, "/proc/self/task/%d/stat", static_cast<int>(kernel_id_));
  std::FILE* file = std::fopen(path, "re");
  if (file == nullptr) return true;
  char line[512];
  const bool read = std::fgets(line, sizeof line, file) != nullptr;
  std::fclose(file);
  if (!read) return true;
  const char* name_end = std::strrchr(line, ')');
  return name_end == nullptr || name_end[1] != ' ' || name_end[2] != 'R';
}

std::chrono::nanoseconds thread_activity::cpu_time() const {
  timespec used{};
  if (kernel_id_ == 0 || clock_gettime(cpu_clock_, &used) != 0) return {};
  return std::chrono::seconds{used.tv_sec} + std::chrono::nanoseconds{used.tv_nsec};
}

}  // namespace safemap::stress::schedule
