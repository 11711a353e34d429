// Canary: signed integer overflow that UndefinedBehaviorSanitizer must report.
// The operand comes from argc so the compiler cannot fold the overflow away at compile time.
#include <cstdio>
#include <limits>

int main(int argc, char**) {
  const int largest = std::numeric_limits<int>::max();
  const int wrapped = largest + argc;  // the bug: INT_MAX + 1
  std::printf("%d\n", wrapped);
  return 0;
}
