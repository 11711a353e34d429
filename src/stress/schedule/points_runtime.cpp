// The scheduling-points runtime: atomics as scheduling points in builds without a sanitizer, at
// close to normal speed. An executable whose code is compiled with ThreadSanitizer's
// instrumentation (safemap_use_atomic_points, cmake/SafemapStress.cmake) but linked without
// TSan's runtime calls these definitions instead: every atomic operation becomes a scheduling
// point (atomic_point) followed by the operation itself, with its own memory order; a plain
// memory access (g++ instruments them; clang's points build does not) is one with
// schedule_settings::memory_points on, unless it is on the thread's own stack; every other hook
// the compilers emit (function entry and exit, virtual table pointers) does nothing. Compiled
// without the instrumentation itself, so nothing here calls back in. The instrumented code's start
// calls __tsan_init, which is how the harness learns that this executable has atomic points
// (atomic_points_built).
#include <pthread.h>

#include <cstddef>
#include <cstring>

#include "stress/schedule/atomic_operations.hpp"
#include "stress/schedule/atomic_point.hpp"
#include "stress/schedule/strategy.hpp"

// TSan's interface has 16-byte operations (__tsan_atomic128_*), which are not lock-free on
// x86-64 without cmpxchg16b: libatomic performs them (linked with this runtime,
// src/stress/CMakeLists.txt), as TSan's own runtime performs them under a lock. clang says so for
// each with -Watomic-alignment; that is the cost of a 16-byte atomic, not a mistake here.
#if defined(__clang__)
#pragma clang diagnostic ignored "-Watomic-alignment"
#endif

namespace {

using safemap::stress::schedule::atomic_point;
using safemap::stress::schedule::current_scheduler;
using safemap::stress::schedule::no_atomic_points;
using safemap::stress::schedule::scheduler;
using safemap::stress::schedule::tsan_interface::memory_order;
using safemap::stress::schedule::tsan_interface::operand;

// TSan's orders are the __ATOMIC_* values; g++ sets flags above bit 14 in some (__sync_*
// builtins, lock elision hints), which TSan's own runtime masks off as well.
constexpr int order_of(memory_order order) { return order & 0x7fff; }

template <typename Operand>
Operand compare_exchange_value(volatile Operand* atomic, Operand expected, Operand desired,
                               memory_order success, memory_order failure) {
  __atomic_compare_exchange_n(atomic, &expected, desired, false, order_of(success),
                              order_of(failure));
  return expected;
}

// The calling thread's stack, [low, high): its locals are no other thread's to see.
struct stack_bounds {
  const char* low = nullptr;
  const char* high = nullptr;

  static stack_bounds of_this_thread() {
    stack_bounds bounds;
    pthread_attr_t attributes;
    if (pthread_getattr_np(pthread_self(), &attributes) != 0) return bounds;
    void* low = nullptr;
    std::size_t size = 0;
    if (pthread_attr_getstack(&attributes, &low, &size) == 0) {
      bounds.low = static_cast<const char*>(low);
      bounds.high = bounds.low + size;
    }
    pthread_attr_destroy(&attributes);
    return bounds;
  }
  bool hold(const void* address) const {
    const auto* byte = static_cast<const char*>(address);
    return low <= byte && byte < high;
  }
};

void memory_point(const void* address) {
  scheduler* const owner = current_scheduler;
  if (owner == nullptr || !owner->memory_points() || no_atomic_points::inside()) return;
  static thread_local const stack_bounds own_stack = stack_bounds::of_this_thread();
  if (own_stack.hold(address)) return;
  owner->point();
}

// Whether this compiler's instrumentation calls the plain-access hooks below (clang's points
// build turns them off, cmake/SafemapControlledTests.cmake).
#if defined(__clang__)
constexpr bool memory_accesses_instrumented = false;
#else
constexpr bool memory_accesses_instrumented = true;
#endif

}  // namespace

// The operation each function of the interface performs, by its name in atomic_operations.hpp
// (the fetch-and-ops: atomic, value, order).
#define SAFEMAP_PERFORM_load(atomic, order) __atomic_load_n(atomic, order_of(order))
#define SAFEMAP_PERFORM_store(atomic, value, order) __atomic_store_n(atomic, value, order_of(order))
#define SAFEMAP_PERFORM_exchange(atomic, value, order) \
  __atomic_exchange_n(atomic, value, order_of(order))
#define SAFEMAP_PERFORM_fetch_add(a, v, o) __atomic_fetch_add(a, v, order_of(o))
#define SAFEMAP_PERFORM_fetch_sub(a, v, o) __atomic_fetch_sub(a, v, order_of(o))
#define SAFEMAP_PERFORM_fetch_and(a, v, o) __atomic_fetch_and(a, v, order_of(o))
#define SAFEMAP_PERFORM_fetch_or(a, v, o) __atomic_fetch_or(a, v, order_of(o))
#define SAFEMAP_PERFORM_fetch_xor(a, v, o) __atomic_fetch_xor(a, v, order_of(o))
#define SAFEMAP_PERFORM_fetch_nand(a, v, o) __atomic_fetch_nand(a, v, order_of(o))
#define SAFEMAP_PERFORM_compare_exchange_strong(atomic, expected, desired, success, failure) \
  __atomic_compare_exchange_n(atomic, expected, desired, false, order_of(success),           \
                              order_of(failure))
#define SAFEMAP_PERFORM_compare_exchange_weak(atomic, expected, desired, success, failure) \
  __atomic_compare_exchange_n(atomic, expected, desired, true, order_of(success), order_of(failure))
#define SAFEMAP_PERFORM_compare_exchange_val(atomic, expected, desired, success, failure) \
  compare_exchange_value(atomic, expected, desired, success, failure)
#define SAFEMAP_PERFORM_thread_fence(order) __atomic_thread_fence(order_of(order))
#define SAFEMAP_PERFORM_signal_fence(order) __atomic_signal_fence(order_of(order))

// TSan's interface names: reserved identifiers by design.
// NOLINTBEGIN(bugprone-reserved-identifier,bugprone-macro-parentheses)
extern "C" {

#define SAFEMAP_TSAN_ATOMIC_FUNCTION(result, operation, name, parameters, arguments) \
  result name parameters {                                                           \
    atomic_point();                                                                  \
    return SAFEMAP_PERFORM_##operation arguments;                                    \
  }
SAFEMAP_TSAN_ATOMIC_FUNCTIONS()
#undef SAFEMAP_TSAN_ATOMIC_FUNCTION

void __tsan_init() { safemap::stress::schedule::note_points_runtime(memory_accesses_instrumented); }
void __tsan_func_entry(void* /*caller*/) {}
void __tsan_func_exit() {}
void __tsan_vptr_update(void** /*vptr*/, void* /*value*/) {}
void __tsan_vptr_read(void** /*vptr*/) {}
void __tsan_read_range(void* address, std::size_t /*size*/) { memory_point(address); }
void __tsan_write_range(void* address, std::size_t /*size*/) { memory_point(address); }
void* __tsan_memcpy(void* to, const void* from, std::size_t size) {
  return std::memcpy(to, from, size);
}
void* __tsan_memmove(void* to, const void* from, std::size_t size) {
  return std::memmove(to, from, size);
}
void* __tsan_memset(void* to, int byte, std::size_t size) { return std::memset(to, byte, size); }

#define SAFEMAP_PLAIN_ACCESS(kind, bytes)                             \
  void __tsan_##kind##bytes(void* address) { memory_point(address); } \
  void __tsan_unaligned_##kind##bytes(void* address) { memory_point(address); }
#define SAFEMAP_PLAIN_ACCESSES(kind) \
  SAFEMAP_PLAIN_ACCESS(kind, 1)      \
  SAFEMAP_PLAIN_ACCESS(kind, 2)      \
  SAFEMAP_PLAIN_ACCESS(kind, 4)      \
  SAFEMAP_PLAIN_ACCESS(kind, 8)      \
  SAFEMAP_PLAIN_ACCESS(kind, 16)
SAFEMAP_PLAIN_ACCESSES(read)
SAFEMAP_PLAIN_ACCESSES(write)
#undef SAFEMAP_PLAIN_ACCESSES
#undef SAFEMAP_PLAIN_ACCESS
}
// NOLINTEND(bugprone-reserved-identifier,bugprone-macro-parentheses)
