#include "command.hpp"

#include <gtest/gtest.h>

#include <csignal>

namespace safemap::sanitizer_report {
namespace {

TEST(command, captures_both_streams_in_order_and_the_exit_code) {
  const auto outcome =
      run_command({"sh", "-c", "echo out; echo err >&2; echo again; exit 3"}, nullptr);
  EXPECT_EQ(outcome.output, "out\nerr\nagain\n");
  EXPECT_EQ(outcome.exit_code, 3);
  EXPECT_EQ(outcome.signal, 0);
  EXPECT_EQ(describe_end(outcome), "exit code 3");
}

TEST(command, reports_the_ending_signal) {
  const auto outcome = run_command({"sh", "-c", "kill -ABRT $$"}, nullptr);
  EXPECT_EQ(outcome.signal, SIGABRT);
  EXPECT_EQ(describe_end(outcome).rfind("signal 6", 0), 0U);
}

TEST(command, missing_command_is_an_error) {
  EXPECT_THROW(run_command({"/nonexistent/sanitizer-report-test-command"}, nullptr), command_error);
  EXPECT_THROW(run_command({}, nullptr), command_error);
}

}  // namespace
}  // namespace safemap::sanitizer_report
