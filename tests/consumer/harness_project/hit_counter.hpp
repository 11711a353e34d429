// The consumer's own object: a counter of hits, and the same counter with a bug from the field
// (the total read in one critical section and written in another), to be found.
#pragma once

#include <mutex>

namespace consumer {

class hit_counter {
 public:
  int add(int hits) {
    const std::lock_guard held{mutex_};
    total_ += hits;
    return total_;
  }
  int total() {
    const std::lock_guard held{mutex_};
    return total_;
  }

 private:
  std::mutex mutex_;
  int total_ = 0;
};

class hit_counter_read_then_written {
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
  int total() {
    const std::lock_guard held{mutex_};
    return total_;
  }

 private:
  std::mutex mutex_;
  int total_ = 0;
};

}  // namespace consumer
