// The atomic operations of ThreadSanitizer's interface (compiler-rt's tsan_interface_atomic.h)
// that controlled schedules make scheduling points of: under -fsanitize=thread every atomic
// operation of instrumented code is a call of one of them. The one list: atomic_hooks.cpp
// defines a wrapper of each, and src/stress/CMakeLists.txt reads the `X(...)` lines below to
// pass the linker one --wrap=__tsan_atomic<bits>_<operation> (or __tsan_atomic_<fence>) each.
#pragma once

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
