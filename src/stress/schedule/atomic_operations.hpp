// The atomic operations of ThreadSanitizer's interface (compiler-rt's tsan_interface_atomic.h)
// that controlled schedules make scheduling points of: under -fsanitize=thread every atomic
// operation of instrumented code is a call of one of them. The one list: atomic_hooks.cpp
// defines a wrapper of each (tsan builds), points_runtime.cpp each one itself (builds without a
// sanitizer), and src/stress/CMakeLists.txt reads the `X(...)` lines below to pass the linker
// one --wrap=__tsan_atomic<bits>_<operation> (or __tsan_atomic_<fence>) each.
#pragma once

#include <type_traits>

// The operand widths, in bits: __tsan_atomic<bits> is the operand type of each.
#define SAFEMAP_TSAN_ATOMIC_WIDTHS(X) \
  X(8)                                \
  X(16)                               \
  X(32)                               \
  X(64)                               \
  X(128)

// The operations of every width, each with its form: load, store, modify (exchange and the
// fetch-and-ops: the old value back), compare_exchange (whether it succeeded back, the seen
// value through the expected one's pointer) or compare_exchange_value (the seen value back).
#define SAFEMAP_TSAN_ATOMIC_OPERATIONS(X, bits)      \
  X(bits, load, load)                                \
  X(bits, store, store)                              \
  X(bits, exchange, modify)                          \
  X(bits, fetch_add, modify)                         \
  X(bits, fetch_sub, modify)                         \
  X(bits, fetch_and, modify)                         \
  X(bits, fetch_or, modify)                          \
  X(bits, fetch_xor, modify)                         \
  X(bits, fetch_nand, modify)                        \
  X(bits, compare_exchange_strong, compare_exchange) \
  X(bits, compare_exchange_weak, compare_exchange)   \
  X(bits, compare_exchange_val, compare_exchange_value)

// The fences, of no width.
#define SAFEMAP_TSAN_ATOMIC_FENCES(X) \
  X(thread_fence)                     \
  X(signal_fence)

// Each function of the interface, as SAFEMAP_TSAN_ATOMIC_FUNCTION(result, operation, name,
// (parameters), (arguments)), which the includer defines before it expands
// SAFEMAP_TSAN_ATOMIC_FUNCTIONS(). The names it uses for the types: operand<bits> and
// memory_order below.
#define SAFEMAP_TSAN_ATOMIC_FUNCTIONS()                              \
  SAFEMAP_TSAN_ATOMIC_WIDTHS(SAFEMAP_TSAN_ATOMIC_FUNCTIONS_OF_WIDTH) \
  SAFEMAP_TSAN_ATOMIC_FENCES(SAFEMAP_TSAN_ATOMIC_FENCE_FUNCTION)
#define SAFEMAP_TSAN_ATOMIC_FUNCTIONS_OF_WIDTH(bits) \
  SAFEMAP_TSAN_ATOMIC_OPERATIONS(SAFEMAP_TSAN_ATOMIC_SIZED_FUNCTION, bits)
#define SAFEMAP_TSAN_ATOMIC_SIZED_FUNCTION(bits, operation, form) \
  SAFEMAP_TSAN_ATOMIC_FORM_##form(bits, operation, __tsan_atomic##bits##_##operation)
#define SAFEMAP_TSAN_ATOMIC_FENCE_FUNCTION(fence) \
  SAFEMAP_TSAN_ATOMIC_FUNCTION(void, fence, __tsan_atomic_##fence, (memory_order order), (order))
#define SAFEMAP_TSAN_ATOMIC_FORM_load(bits, operation, name)                               \
  SAFEMAP_TSAN_ATOMIC_FUNCTION(operand<bits>, operation, name,                             \
                               (const volatile operand<bits>* atomic, memory_order order), \
                               (atomic, order))
#define SAFEMAP_TSAN_ATOMIC_FORM_store(bits, operation, name)                     \
  SAFEMAP_TSAN_ATOMIC_FUNCTION(                                                   \
      void, operation, name,                                                      \
      (volatile operand<bits> * atomic, operand<bits> value, memory_order order), \
      (atomic, value, order))
#define SAFEMAP_TSAN_ATOMIC_FORM_modify(bits, operation, name)                    \
  SAFEMAP_TSAN_ATOMIC_FUNCTION(                                                   \
      operand<bits>, operation, name,                                             \
      (volatile operand<bits> * atomic, operand<bits> value, memory_order order), \
      (atomic, value, order))
#define SAFEMAP_TSAN_ATOMIC_FORM_compare_exchange(bits, operation, name)                 \
  SAFEMAP_TSAN_ATOMIC_FUNCTION(                                                          \
      int, operation, name,                                                              \
      (volatile operand<bits> * atomic, operand<bits> * expected, operand<bits> desired, \
       memory_order success, memory_order failure),                                      \
      (atomic, expected, desired, success, failure))
#define SAFEMAP_TSAN_ATOMIC_FORM_compare_exchange_value(bits, operation, name)         \
  SAFEMAP_TSAN_ATOMIC_FUNCTION(                                                        \
      operand<bits>, operation, name,                                                  \
      (volatile operand<bits> * atomic, operand<bits> expected, operand<bits> desired, \
       memory_order success, memory_order failure),                                    \
      (atomic, expected, desired, success, failure))

namespace safemap::stress::schedule::tsan_interface {

// The interface's operand types: __tsan_atomic8 is char, 16 short, 32 int, 64 long, 128 __int128.
__extension__ typedef __int128 operand128;  // NOLINT(modernize-use-using): __extension__ needs it
template <int bits>
using operand = std::conditional_t<
    bits == 8, char,
    std::conditional_t<
        bits == 16, short,
        std::conditional_t<bits == 32, int, std::conditional_t<bits == 64, long, operand128>>>>;
using memory_order = int;  // the interface's __tsan_memory_order, an enumeration

}  // namespace safemap::stress::schedule::tsan_interface
