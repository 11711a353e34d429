#include "kind.hpp"

#include <gtest/gtest.h>

namespace safemap::sanitizer_report {
namespace {

TEST(kind, strips_pid_and_asan_details) {
  EXPECT_EQ(normalise_kind("data race (pid=11106)"), "data race");
  EXPECT_EQ(normalise_kind("lock-order-inversion (potential deadlock) (pid=1)"),
            "lock-order-inversion (potential deadlock)");
  EXPECT_EQ(normalise_kind("heap-use-after-free on address 0x502 at pc 0x55 bp 0x7f sp 0x7f"),
            "heap-use-after-free");
  EXPECT_EQ(normalise_kind("SEGV on unknown address 0x000000000000 (pc 0x1 bp 0x2 sp 0x3 T0)"),
            "SEGV");
  EXPECT_EQ(normalise_kind("unlock of an unlocked mutex (or by a wrong thread) (pid=7)"),
            "unlock of an unlocked mutex (or by a wrong thread)");
  EXPECT_EQ(normalise_kind("detected memory leaks"), "detected memory leaks");
  EXPECT_EQ(normalise_kind("lost update"), "lost update");
}

TEST(kind, uses_asan_bug_type_names) {
  EXPECT_EQ(normalise_kind("attempting double-free on 0x602000000010 in thread T0:"),
            "double-free");
  EXPECT_EQ(
      normalise_kind("attempting free on address which was not malloc()-ed: 0x7ff in thread T0"),
      "bad-free");
}

// The kind is what identifies a finding across runs: no addresses, thread ids or sizes of that run.
TEST(kind, leaves_out_what_changes_from_run_to_run) {
  EXPECT_EQ(
      normalise_kind("strcpy-param-overlap: memory ranges [0x7f5787300020,0x7f5787300027) and "
                     "[0x7f5787300021, 0x7f5787300028) overlap"),
      "strcpy-param-overlap");
  EXPECT_EQ(
      normalise_kind("strcpy-param-overlap: memory ranges [0x7ffe45648c90,0x7ffe45648c97) and "
                     "[0x7ffe45648c91, 0x7ffe45648c98) overlap"),
      "strcpy-param-overlap");
  EXPECT_EQ(normalise_kind("negative-size-param: (size=-5)"), "negative-size-param");
  EXPECT_EQ(normalise_kind("calloc-overflow: count * size (3 * 6148914691236517206) cannot be "
                           "represented in type size_t (thread T0)"),
            "calloc-overflow");
  // No `<bug type>: ` form: the words before the first address or thread id (here ASan's
  // SUMMARY line's name for them).
  EXPECT_EQ(normalise_kind("requested allocation size 0xffffffffffffff00 (0x700 after adjustments "
                           "for alignment, red zones etc.) exceeds maximum supported size of "
                           "0x10000000000 (thread T0)"),
            "allocation-size-too-big");
  EXPECT_EQ(normalise_kind("invalid alignment requested in aligned_alloc: 0x3, alignment must be a "
                           "power of two (thread T0)"),
            "invalid alignment requested in aligned_alloc");
  EXPECT_EQ(normalise_kind("use of an invalid mutex (e.g. uninitialized or destroyed) (pid=3)"),
            "use of an invalid mutex (e.g. uninitialized or destroyed)");
}

// UBSan: the runtime's own words, without the values, addresses and types of that report.
TEST(kind, runtime_error_kind_keeps_the_runtimes_words) {
  EXPECT_EQ(runtime_error_kind("store to null pointer of type 'int'"), "store to null pointer");
  EXPECT_EQ(runtime_error_kind("member call on null pointer of type 'struct gauge'"),
            "member call on null pointer");
  EXPECT_EQ(runtime_error_kind("load of misaligned address 0x7ffd5653c096 for type 'const int', "
                               "which requires 4 byte alignment"),
            "load of misaligned address");
  EXPECT_EQ(runtime_error_kind("store to misaligned address 0x7ffd5653c092 for type 'int', which "
                               "requires 4 byte alignment"),
            "store to misaligned address");
  EXPECT_EQ(runtime_error_kind("signed integer overflow: 2147483647 + 1 cannot be represented in "
                               "type 'int'"),
            "signed integer overflow");
  EXPECT_EQ(runtime_error_kind("shift exponent 41 is too large for 32-bit type 'int'"),
            "shift exponent is too large");
  EXPECT_EQ(runtime_error_kind("shift exponent -1 is negative"), "shift exponent is negative");
  EXPECT_EQ(runtime_error_kind("left shift of 1 by 31 places cannot be represented in type 'int'"),
            "left shift cannot be represented");
  EXPECT_EQ(
      runtime_error_kind("negation of -2147483648 cannot be represented in type 'int'; cast to "
                         "an unsigned type to negate this value to itself"),
      "negation cannot be represented");
  EXPECT_EQ(runtime_error_kind("index 4 out of bounds for type 'int [4]'"), "index out of bounds");
  EXPECT_EQ(runtime_error_kind("load of value 5, which is not a valid value for type 'bool'"),
            "load of value which is not a valid value");
  EXPECT_EQ(
      runtime_error_kind("null pointer passed as argument 1, which is declared to never be null"),
      "null pointer passed as argument");
  EXPECT_EQ(
      runtime_error_kind("load of address 0x7ffcb1ad0ec0 with insufficient space for an object "
                         "of type 'int'"),
      "load of address with insufficient space for an object");
  EXPECT_EQ(runtime_error_kind("applying non-zero offset 8 to null pointer"),
            "applying non-zero offset to null pointer");
  EXPECT_EQ(runtime_error_kind("pointer index expression with base 0x000000000001 overflowed to "
                               "0xffffffffffffffff"),
            "pointer index expression with base overflowed");
  EXPECT_EQ(
      runtime_error_kind("2.14748e+09 is outside the range of representable values of type 'int'"),
      "is outside the range of representable values");
  EXPECT_EQ(
      runtime_error_kind("implicit conversion from type 'int' of value 256 (32-bit, signed) to "
                         "type 'unsigned char' changed the value to 0 (8-bit, unsigned)"),
      "implicit conversion of value changed the value");
  EXPECT_EQ(runtime_error_kind("execution reached an unreachable program point"),
            "execution reached an unreachable program point");
  EXPECT_EQ(runtime_error_kind("division by zero"), "division by zero");
  EXPECT_EQ(runtime_error_kind("something new: details 42"), "something new");
}

TEST(kind, classifies_runtime_errors) {
  EXPECT_EQ(classify_runtime_error("signed integer overflow: 2147483647 + 1 cannot be represented"),
            "signed integer overflow");
  EXPECT_EQ(classify_runtime_error("shift exponent 41 is too large for 32-bit type 'int'"),
            "invalid shift exponent");
  EXPECT_EQ(classify_runtime_error("load of value 5, which is not a valid value for type 'bool'"),
            "invalid bool load");
  EXPECT_EQ(classify_runtime_error("index 4 out of bounds for type 'int[4]'"),
            "index out of bounds");
  EXPECT_EQ(classify_runtime_error("member call on null pointer of type 'gauge'"),
            "null pointer use");
  EXPECT_EQ(classify_runtime_error(
                "null pointer passed as argument 1, which is declared to never be null"),
            "invalid null argument");
  EXPECT_EQ(classify_runtime_error("division by zero"), "division by zero");
  EXPECT_EQ(classify_runtime_error("something new: details 42"), "something new");
}

}  // namespace
}  // namespace safemap::sanitizer_report
