// alternate_signal_stack: a stack of its own for the calling thread's signal handlers, so that a
// stack overflow can still be reported (signal stacks are per thread). The crash report
// (watchdog/crash_report.hpp) installs the handlers; every worker thread a round starts holds
// one of these.
//
// Under AddressSanitizer or ThreadSanitizer the runtime owns fatal signals and reports crashes
// itself: SAFEMAP_SANITIZER_OWNS_CRASHES is then defined, and the class does nothing.
#pragma once

#include <memory>

#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define SAFEMAP_SANITIZER_OWNS_CRASHES 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer)
#define SAFEMAP_SANITIZER_OWNS_CRASHES 1
#endif
#endif

namespace safemap::stress {

class alternate_signal_stack {
 public:
  alternate_signal_stack();
  alternate_signal_stack(const alternate_signal_stack&) = delete;
  alternate_signal_stack& operator=(const alternate_signal_stack&) = delete;
  ~alternate_signal_stack();

 private:
  std::unique_ptr<char[]> memory_;
};

}  // namespace safemap::stress
