// The report of a controlled deadlock outside the map driver (whose monitor reports its own):
// `why` (who waits for what, the schedule, the replay line) and the stacks of every thread,
// those waiting on a condition variable first, then those waiting for a lock, then the rest,
// as a SafemapWatchdog deadlock in the report form; then the process ends with
// exit_no_progress.
#pragma once

#include <string>
#include <vector>

namespace safemap::stress::explore {

// Lets the debugger that collects the stacks attach; call it before the first schedule.
void prepare_deadlock_reports();

[[noreturn]] void report_deadlock(std::vector<std::string> why);

}  // namespace safemap::stress::explore
