// lock_model: which controlled thread holds which lock, as the scheduler saw them taken and
// released. It lets the scheduler run only threads that can make progress (a thread that
// would block on a held lock is not ready), and name who waits for whom when none can.
// Locks are told apart by address; a lock nobody holds is forgotten, so a destroyed mutex's
// address can be reused freely.
#pragma once

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

namespace safemap::stress::schedule {

enum class lock_mode { exclusive, shared };

inline constexpr unsigned no_thread = ~0u;

class lock_model {
 public:
  explicit lock_model(unsigned threads) : threads_{threads} {}

  // One more thread, numbered threads-so-far (a controlled thread started another).
  void add_thread() { ++threads_; }

  // Whether `lock` can be taken in `mode` now (a thread that holds it itself asks
  // held_against_itself first). Holds of threads for which `uncontrolled`
  // is true do not count: they run outside the schedule, and the real lock waits for them.
  template <class Uncontrolled>
  bool available(const void* lock, lock_mode mode, Uncontrolled uncontrolled) const {
    const auto found = locks_.find(lock);
    if (found == locks_.end()) return true;
    const holders& held = found->second;
    if (held.owner != no_thread && !uncontrolled(held.owner)) return false;
    if (mode == lock_mode::shared) return true;
    for (unsigned reader = 0; reader < held.shared.size(); ++reader) {
      if (held.shared[reader] > 0 && !uncontrolled(reader)) return false;
    }
    return true;
  }

  // Taking `lock` in `mode` would wait for `thread` itself: it holds the lock exclusively, or
  // shared while asking for it exclusively.
  bool held_against_itself(const void* lock, lock_mode mode, unsigned thread) const;

  void acquired(const void* lock, lock_mode mode, unsigned thread);
  void released(const void* lock, unsigned thread);

  // "worker 1 (exclusive)", "workers 0, 2 (shared)", for reports.
  std::string describe_holders(const void* lock) const;
  std::vector<const void*> held_by(unsigned thread) const;

 private:
  struct holders {
    unsigned owner = no_thread;    // exclusive holder
    unsigned depth = 0;            // recursive exclusive holds
    std::vector<unsigned> shared;  // per thread; threads started since have none
  };

  static unsigned shared_holds(const holders& held, unsigned thread) {
    return thread < held.shared.size() ? held.shared[thread] : 0;
  }

  unsigned threads_;
  std::unordered_map<const void*, holders> locks_;
};

}  // namespace safemap::stress::schedule
