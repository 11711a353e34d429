// Canary: a textbook data race that ThreadSanitizer must report.
// Two threads increment one plain int. Under the tsan presets the run must print
// "WARNING: ThreadSanitizer: data race" and exit with TSAN_OPTIONS' exitcode; without TSan it
// exits 0 and the canary test fails.
#include <thread>

namespace {
int unguarded_counter = 0;

void bump_many_times() {
  for (int i = 0; i < 10000; ++i) ++unguarded_counter;  // the race: no lock, no atomic
}
}  // namespace

int main() {
  std::thread first{bump_many_times};
  std::thread second{bump_many_times};
  first.join();
  second.join();
  return unguarded_counter > 0 ? 0 : 2;
}
