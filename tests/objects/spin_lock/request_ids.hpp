// Request ids, unique and increasing, from a plain counter behind a spin lock (spin_lock.hpp).
// Contract: thread-safe; next() returns 0, 1, 2, ... each once, in the order the calls hold the
// lock. O(1), one short critical section. Choose a spin lock for a section this short on few
// cores; its planted twin (planted/try_lock_loads_then_stores.hpp) is found only where plain
// memory accesses are scheduling points (docs/objects.md).
#pragma once

#include <cstdint>

#include <safemap/thread_annotations.hpp>

#include "spin_lock.hpp"

namespace safemap::object_examples::spin_lock {

class request_ids {
 public:
  std::uint64_t next() {
    const lock_guard hold{guard_};
    return next_++;
  }

 private:
  annotated_mutex<spin_lock> guard_;
  std::uint64_t next_ SAFEMAP_GUARDED_BY(guard_) = 0;
};

}  // namespace safemap::object_examples::spin_lock
