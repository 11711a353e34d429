// object/: where each thread of a failing schedule was switched out, for the report. A traced
// replay of the schedule (explore_object.hpp) records, at every switch, the innermost frame of
// the switched-out thread's stack that is the program's own code: not the harness, not the C++
// and C libraries, not safemap's lock wrappers (thread_annotations.hpp); for an object under test,
// the line of its member function where the other thread took over (a lock, an unlock, a wait).
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "stress/schedule/scheduler.hpp"

namespace safemap::stress::object {

class interleaving {
 public:
  // Records into this object, which must outlive the schedules it observes.
  schedule::scheduler::switch_observer recorder();

  // One line per switch whose thread was in its own code, the last `most` of them: `thread 0
  // -> thread 1 at FILE:LINE in FUNCTION, called at ...`, where thread 0 gave up the turn. Seat 0,
  // the thread that runs the init and post parts, is named `init/post`; seat k, thread k - 1 of the
  // scenario.
  std::vector<std::string> lines(std::size_t most) const;

 private:
  // The innermost frames of the program's own code, this many: a member function and its caller
  // (a helper that takes the lock itself, and the operation that called it).
  static constexpr std::size_t frames_shown = 2;

  struct switch_site {
    unsigned from = 0;
    unsigned to = 0;
    std::string where;  // `FILE:LINE in FUNCTION, called at FILE:LINE in FUNCTION`
  };
  std::vector<switch_site> switches_;
};

}  // namespace safemap::stress::object
