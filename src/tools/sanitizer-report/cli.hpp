// The sanitizer-report command line: `report` (the default) and `expect`. See --help for the
// exit codes:
//   0  report: findings rendered; expect: the expected finding is there (--none: nothing found
//      and the command exited 0)
//   1  expect: the expectation is not met (the findings are printed instead)
//   2  bad usage, unreadable or missing log, no report in the logs (report mode, unless
//      --allow-empty), a truncated report, unknown format, command cannot be started
// The checked command's own exit code is never passed through; expect names it in its verdict.
#pragma once

namespace safemap::sanitizer_report {

int run_cli(int argc, char** argv);

}  // namespace safemap::sanitizer_report
