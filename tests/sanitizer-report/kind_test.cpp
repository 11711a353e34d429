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
  EXPECT_EQ(normalise_kind("attempting double-free on 0x602000000010 in thread T0:"), "double-free");
  EXPECT_EQ(normalise_kind("attempting free on address which was not malloc()-ed: 0x7ff in thread T0"),
            "bad-free");
}

TEST(kind, classifies_runtime_errors) {
  EXPECT_EQ(classify_runtime_error("signed integer overflow: 2147483647 + 1 cannot be represented"),
            "signed integer overflow");
  EXPECT_EQ(classify_runtime_error("shift exponent 41 is too large for 32-bit type 'int'"),
            "invalid shift exponent");
  EXPECT_EQ(classify_runtime_error("load of value 5, which is not a valid value for type 'bool'"),
            "invalid bool load");
  EXPECT_EQ(classify_runtime_error("index 4 out of bounds for type 'int[4]'"), "index out of bounds");
  EXPECT_EQ(classify_runtime_error("member call on null pointer of type 'gauge'"), "null pointer use");
  EXPECT_EQ(classify_runtime_error("null pointer passed as argument 1, which is declared to never be null"),
            "invalid null argument");
  EXPECT_EQ(classify_runtime_error("division by zero"), "division by zero");
  EXPECT_EQ(classify_runtime_error("something new: details 42"), "something new");
}

}  // namespace
}  // namespace safemap::sanitizer_report
