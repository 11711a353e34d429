// The consumer's own object: a counter of hits, and the same counter with a bug from the field
// (the total read in one critical section and written in another), to be found.
#pragma once

#include <mutex>

namespace consumer {

// What both counters share: the total, behind a lock.
class locked_total {
 public:
  int total() {
    const std::lock_guard held{mutex_};
    return total_;
  }

 protected:
  std::mutex mutex_;
  int total_ = 0;
};

class hit_counter : public locked_total {
 public:
  int add(int hits) {
    const std::lock_guard held{mutex_};
    total_ += hits;
    return total_;
  }
};

class hit_counter_read_then_written : public locked_total {
 public:
  int add(int hits) {
    int seen = 0;
    {
      const std::lock_guard held{mutex_};
      seen = total_;
    }
    const std::lock_guard held{mutex_};
    total_ = seen + hits;  // <- BUG: another add() may have run since the read
    return total_;
  }
};

}  // namespace consumer
