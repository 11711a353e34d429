// Canary: a heap-use-after-free that AddressSanitizer must report.
// Without ASan the read returns stale memory and the program exits 0, so the canary test fails.
#include <cstdio>

namespace {
[[gnu::noinline]] int read_through(const int* pointer) { return *pointer; }
}  // namespace

int main() {
  int* value = new int(42);
  int* volatile dangling = value;  // volatile: the optimiser must not see through the alias
  delete value;
  std::printf("%d\n", read_through(dangling));  // the bug: reads freed memory
  return 0;
}
