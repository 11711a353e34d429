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
#include <type_traits>

#include "stress/schedule/atomic_operations.hpp"
#include "stress/schedule/no_atomic_points.hpp"
#include "stress/schedule/scheduler.hpp"

namespace {

using safemap::stress::schedule::current_scheduler;
using safemap::stress::schedule::no_atomic_points;
using safemap::stress::schedule::scheduler;

// The interface's operand types: __tsan_atomic8 is char, 16 short, 32 int, 64 long, 128 __int128.
__extension__ typedef __int128 operand128;  // NOLINT(modernize-use-using): __extension__ needs it
template <int bits>
using operand = std::conditional_t<
    bits == 8, char,
    std::conditional_t<
        bits == 16, short,
        std::conditional_t<bits == 32, int, std::conditional_t<bits == 64, long, operand128>>>>;
using memory_order = int;  // the interface's __tsan_memory_order, an enumeration

void atomic_point() {
  scheduler* const owner = current_scheduler;
  if (owner == nullptr || no_atomic_points::inside() || !owner->atomic_points()) return;
  owner->point();
}

}  // namespace

// The linker's --wrap names (`__wrap_f` replaces f, `__real_f` is the original) and TSan's
// interface names: reserved identifiers by design.
// NOLINTBEGIN(bugprone-reserved-identifier,bugprone-macro-parentheses)
extern "C" {

#define SAFEMAP_ATOMIC_WRAPPER(result, name, parameters, arguments) \
  result __real_##name parameters;                                  \
  result __wrap_##name parameters {                                 \
    atomic_point();                                                 \
    return __real_##name arguments;                                 \
  }

#define SAFEMAP_FORM_load(bits, name)                                                \
  SAFEMAP_ATOMIC_WRAPPER(operand<bits>, name,                                        \
                         (const volatile operand<bits>* atomic, memory_order order), \
                         (atomic, order))
#define SAFEMAP_FORM_store(bits, name)                                                        \
  SAFEMAP_ATOMIC_WRAPPER(                                                                     \
      void, name, (volatile operand<bits> * atomic, operand<bits> value, memory_order order), \
      (atomic, value, order))
#define SAFEMAP_FORM_modify(bits, name)                                           \
  SAFEMAP_ATOMIC_WRAPPER(                                                         \
      operand<bits>, name,                                                        \
      (volatile operand<bits> * atomic, operand<bits> value, memory_order order), \
      (atomic, value, order))
#define SAFEMAP_FORM_compare_exchange(bits, name)                                             \
  SAFEMAP_ATOMIC_WRAPPER(int, name,                                                           \
                         (volatile operand<bits> * atomic, operand<bits> * expected,          \
                          operand<bits> desired, memory_order success, memory_order failure), \
                         (atomic, expected, desired, success, failure))
#define SAFEMAP_FORM_compare_exchange_value(bits, name)                                       \
  SAFEMAP_ATOMIC_WRAPPER(operand<bits>, name,                                                 \
                         (volatile operand<bits> * atomic, operand<bits> expected,            \
                          operand<bits> desired, memory_order success, memory_order failure), \
                         (atomic, expected, desired, success, failure))

#define SAFEMAP_SIZED_WRAPPER(bits, operation, form) \
  SAFEMAP_FORM_##form(bits, __tsan_atomic##bits##_##operation)
#define SAFEMAP_WRAPPERS_OF_WIDTH(bits) SAFEMAP_TSAN_ATOMIC_OPERATIONS(SAFEMAP_SIZED_WRAPPER, bits)
SAFEMAP_TSAN_ATOMIC_WIDTHS(SAFEMAP_WRAPPERS_OF_WIDTH)

#define SAFEMAP_FENCE_WRAPPER(fence) \
  SAFEMAP_ATOMIC_WRAPPER(void, __tsan_atomic_##fence, (memory_order order), (order))
SAFEMAP_TSAN_ATOMIC_FENCES(SAFEMAP_FENCE_WRAPPER)

#undef SAFEMAP_FENCE_WRAPPER
#undef SAFEMAP_WRAPPERS_OF_WIDTH
#undef SAFEMAP_SIZED_WRAPPER
#undef SAFEMAP_FORM_compare_exchange_value
#undef SAFEMAP_FORM_compare_exchange
#undef SAFEMAP_FORM_modify
#undef SAFEMAP_FORM_store
#undef SAFEMAP_FORM_load
#undef SAFEMAP_ATOMIC_WRAPPER
}
// NOLINTEND(bugprone-reserved-identifier,bugprone-macro-parentheses)
