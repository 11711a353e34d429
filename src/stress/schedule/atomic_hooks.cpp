// Atomics as scheduling points, in ThreadSanitizer builds: there every atomic operation of
// instrumented code is a call of __tsan_atomic<bits>_<operation> (or a fence's), and each
// executable that links the harness is linked with `--wrap=` for every one of them
// (atomic_operations.hpp, the one list; src/stress/CMakeLists.txt), so each call lands here
// first. On a controlled thread with schedule_settings::atomic_points on, the wrapper makes a
// scheduling point before the operation, a load as much as a store: a check-then-act over two
// atomic operations (a token bucket's load, then its store) can then be interleaved, though it
// has no data race for TSan to see. The real operation follows (`__real_...`, TSan's own), so
// TSan still sees every atomic and every race stays visible.
//
// The harness's own atomics (the scheduler's spin lock, turn words and futex; the controlled
// runtime's models) must never be points: they run inside no_atomic_points, and so does
// everything the scheduler does for a point, which is also how a point never makes another.
#include "stress/schedule/atomic_operations.hpp"
#include "stress/schedule/atomic_point.hpp"

namespace {

using safemap::stress::schedule::atomic_point;
using safemap::stress::schedule::tsan_interface::memory_order;
using safemap::stress::schedule::tsan_interface::operand;

}  // namespace

// The linker's --wrap names (`__wrap_f` replaces f, `__real_f` is the original) and TSan's
// interface names: reserved identifiers by design.
// NOLINTBEGIN(bugprone-reserved-identifier,bugprone-macro-parentheses)
extern "C" {

#define SAFEMAP_TSAN_ATOMIC_FUNCTION(result, operation, name, parameters, arguments) \
  result __real_##name parameters;                                                   \
  result __wrap_##name parameters {                                                  \
    atomic_point();                                                                  \
    return __real_##name arguments;                                                  \
  }
SAFEMAP_TSAN_ATOMIC_FUNCTIONS()
#undef SAFEMAP_TSAN_ATOMIC_FUNCTION
}
// NOLINTEND(bugprone-reserved-identifier,bugprone-macro-parentheses)
