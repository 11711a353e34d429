#include "stress/schedule/lock_model.hpp"

#include <algorithm>

namespace safemap::stress::schedule {

bool lock_model::held_against_itself(const void* lock, lock_mode mode, unsigned thread) const {
  const auto found = locks_.find(lock);
  if (found == locks_.end()) return false;
  const holders& held = found->second;
  return held.owner == thread || (mode == lock_mode::exclusive && shared_holds(held, thread) > 0);
}

void lock_model::acquired(const void* lock, lock_mode mode, unsigned thread) {
  holders& held = locks_[lock];
  if (held.shared.size() < threads_) held.shared.resize(threads_, 0);
  if (mode == lock_mode::shared) {
    ++held.shared[thread];
  } else if (held.owner == thread) {
    ++held.depth;
  } else {
    // Taken over from a thread outside the schedule, or first taken: either way it is ours now.
    held.owner = thread;
    held.depth = 1;
  }
}

void lock_model::released(const void* lock, unsigned thread) {
  const auto found = locks_.find(lock);
  if (found == locks_.end()) return;
  holders& held = found->second;
  if (held.owner == thread) {
    if (--held.depth == 0) held.owner = no_thread;
  } else if (shared_holds(held, thread) > 0) {
    --held.shared[thread];
  } else {
    // Released by a thread the model did not see take it (a condition variable's wait retook
    // it inside the C++ runtime): the lock is free now, whoever the model thought held it.
    held.owner = no_thread;
    held.depth = 0;
  }
  if (held.owner == no_thread &&
      std::ranges::all_of(held.shared, [](unsigned count) { return count == 0; })) {
    locks_.erase(found);
  }
}

std::string lock_model::describe_holders(const void* lock) const {
  const auto found = locks_.find(lock);
  if (found == locks_.end()) return "nobody";
  const holders& held = found->second;
  if (held.owner != no_thread) return "worker " + std::to_string(held.owner) + " (exclusive)";
  std::string readers;
  unsigned count = 0;
  for (unsigned reader = 0; reader < held.shared.size(); ++reader) {
    if (held.shared[reader] == 0) continue;
    readers += (count++ == 0 ? "" : ", ") + std::to_string(reader);
  }
  return (count == 1 ? "worker " : "workers ") + readers + " (shared)";
}

std::vector<const void*> lock_model::held_by(unsigned thread) const {
  std::vector<const void*> held;
  for (const auto& [lock, holding] : locks_) {
    if (holding.owner == thread || shared_holds(holding, thread) > 0) held.push_back(lock);
  }
  std::ranges::sort(held);
  return held;
}

}  // namespace safemap::stress::schedule
