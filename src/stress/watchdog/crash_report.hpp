// crash_report: every thread's stack when a normal (uninstrumented) build crashes. Go prints
// every goroutine's stack on a fatal error; without this a crash in the default preset said only
// "ended with signal 11", and std::bad_function_call only "terminate called ...".
//
// On SIGSEGV, SIGBUS, SIGFPE, SIGILL or SIGABRT (std::terminate ends in abort) the crashing
// thread, on its alternate signal stack, forks and re-executes this program as a reporter: a
// fresh process, so nothing of the crashed one's heap or locks is touched, and nothing but
// async-signal-safe calls run in the crashed one. The reporter attaches gdb (as the watchdog
// does), prints every thread's stack as a SafemapCrash report, the crashing thread first and
// from the faulting frame on, and the crashed process then dies of its signal as it would have:
//
//   ==4240==ERROR: SafemapCrash: segmentation fault
//     signal 11 (SIGSEGV) in thread LWP 4242; stacks of all threads follow (crashing thread first)
//     Thread 3 (LWP 4242) "safemap-stress-":
//       #0 0x000055c2031821b0 in my::map::insert_or_assign /src/my/map.hpp:31
//   SUMMARY: SafemapCrash: segmentation fault
//
// Sanitizer builds keep their runtimes' handlers, which report these crashes themselves.
#pragma once

#include <optional>

namespace safemap::stress {

// Installs the signal and terminate handlers, once per process, before any worker starts.
// Does nothing under AddressSanitizer or ThreadSanitizer.
void install_crash_report();

// True from the moment a crash report starts: the watchdog then stays quiet, since the crashing
// thread's peers stop making progress while gdb runs.
bool crash_report_in_progress();

// The reporter half: when argv is the reporter's command line, reports the crash of the process
// it names and returns the exit code; otherwise nothing.
std::optional<int> run_crash_reporter(int argc, const char* const* argv);

}  // namespace safemap::stress
