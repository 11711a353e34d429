// bench::thread_clock — the calling thread's CPU time, and the time it spent runnable but
// waiting for a CPU (the kernel's run_delay, /proc/thread-self/schedstat).
//
// On a shared, noisy machine the report's headline throughput counts, per thread, its wall-clock
// time minus its run-queue wait: time on a CPU plus time blocked in the map (a sleeping waiter on
// a mutex is the map's cost) — but not time other processes took. Where the kernel keeps no
// schedstat, run_delay reads as 0 and the figure falls back to plain wall-clock time.
#pragma once

#include <ctime>
#include <fstream>

namespace safemap::bench {

struct thread_clock_reading {
  double cpu_seconds = 0;
  double run_delay_seconds = 0;
};

inline thread_clock_reading read_thread_clock() {
  thread_clock_reading reading;
  timespec cpu{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &cpu);
  reading.cpu_seconds = static_cast<double>(cpu.tv_sec) + static_cast<double>(cpu.tv_nsec) * 1e-9;
  // schedstat: "<ns on cpu> <ns waiting on a run queue> <timeslices>"
  std::ifstream schedstat{"/proc/thread-self/schedstat"};
  double on_cpu_ns = 0;
  double run_delay_ns = 0;
  if (schedstat >> on_cpu_ns >> run_delay_ns) reading.run_delay_seconds = run_delay_ns * 1e-9;
  return reading;
}

}  // namespace safemap::bench
