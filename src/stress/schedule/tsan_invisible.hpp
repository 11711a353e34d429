// tsan_invisible: a scope whose memory accesses and synchronization ThreadSanitizer neither
// checks nor counts. The scheduler hands the one running turn from thread to thread; were
// TSan to see that hand-off (an atomic store and load, a futex), it would order every
// operation of one thread before the next thread's, and no race between them could ever be
// reported. Inside this scope the scheduler's own state needs no TSan-visible ordering: it is
// guarded by the scheduler's spin lock, whose atomics TSan then ignores too (its runtime skips
// atomics while a thread ignores synchronization), and none of its atomics is a scheduling
// point (no_atomic_points.hpp). Outside TSan builds it is otherwise empty.
#pragma once

#include <safemap/detail/sanitizer.hpp>

#include "stress/schedule/no_atomic_points.hpp"

extern "C" {
void AnnotateIgnoreReadsBegin(const char* file, int line);
void AnnotateIgnoreReadsEnd(const char* file, int line);
void AnnotateIgnoreWritesBegin(const char* file, int line);
void AnnotateIgnoreWritesEnd(const char* file, int line);
void AnnotateIgnoreSyncBegin(const char* file, int line);
void AnnotateIgnoreSyncEnd(const char* file, int line);
}

namespace safemap::stress::schedule {

class tsan_invisible {
 public:
  tsan_invisible() {
    if constexpr (detail::thread_sanitizer_build) {
      AnnotateIgnoreReadsBegin(__FILE__, __LINE__);
      AnnotateIgnoreWritesBegin(__FILE__, __LINE__);
      AnnotateIgnoreSyncBegin(__FILE__, __LINE__);
    }
  }
  tsan_invisible(const tsan_invisible&) = delete;
  tsan_invisible& operator=(const tsan_invisible&) = delete;
  ~tsan_invisible() { end(); }

  // Ends the scope early: a thread must not leave its last scope with TSan still ignoring it
  // (TSan reports "finished with ignores enabled"), as a deadlock report that ends the process
  // would.
  void end() {
    if (!active_) return;
    active_ = false;
    if constexpr (detail::thread_sanitizer_build) {
      AnnotateIgnoreSyncEnd(__FILE__, __LINE__);
      AnnotateIgnoreWritesEnd(__FILE__, __LINE__);
      AnnotateIgnoreReadsEnd(__FILE__, __LINE__);
    }
  }

 private:
  bool active_ = true;
  no_atomic_points unscheduled_;
};

}  // namespace safemap::stress::schedule
