// safemap/thread_annotations.hpp — locking policy the compiler checks: Clang Thread Safety
// Analysis attributes, a mutex wrapper that carries them, and RAII guards the analysis follows.
//
// Why: "guarded by mutex_" in a comment is checked by nobody. Written as
//     mutable safemap::mutex mutex_;
//     table_type table_ SAFEMAP_GUARDED_BY(mutex_);
// a read of table_ outside a safemap::lock_guard on mutex_ is a compile error under clang's
// -Wthread-safety (every clang preset of this project turns it on, as errors), and so is a
// guard that is a temporary, a lock taken twice, or two locks taken against their declared order.
// libstdc++'s std::mutex and std::lock_guard carry no such attributes, hence the wrappers.
// Other compilers see plain classes: the macros expand to nothing, the wrappers inline away (same
// code as std::mutex + std::lock_guard).
//
// For forks: annotate your own guarded members the same way and build with clang and
// -Wthread-safety (docs/static-analysis.md). Attribute meanings: clang's ThreadSafetyAnalysis
// documentation; abseil's absl/base/thread_annotations.h names the same ideas ABSL_*.
#pragma once

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <shared_mutex>
#include <stop_token>
#include <type_traits>
#include <utility>

#if defined(__clang__)
#define SAFEMAP_THREAD_ANNOTATION(attribute) __attribute__((attribute))
#else
#define SAFEMAP_THREAD_ANNOTATION(attribute)
#endif

// On a class: objects of it are locks ("capabilities") the analysis tracks.
#define SAFEMAP_CAPABILITY(kind) SAFEMAP_THREAD_ANNOTATION(capability(kind))
// On a class: an RAII guard; it holds what its constructor acquires until its destructor.
#define SAFEMAP_SCOPED_CAPABILITY SAFEMAP_THREAD_ANNOTATION(scoped_lockable)
// On a data member: read it with the lock held (shared at least), write it with it held
// exclusively.
#define SAFEMAP_GUARDED_BY(lock) SAFEMAP_THREAD_ANNOTATION(guarded_by(lock))
// On a pointer member: the same rule for what it points to.
#define SAFEMAP_PT_GUARDED_BY(lock) SAFEMAP_THREAD_ANNOTATION(pt_guarded_by(lock))
// On a lock member: it is taken before (after) these whenever both are held.
#define SAFEMAP_ACQUIRED_BEFORE(...) SAFEMAP_THREAD_ANNOTATION(acquired_before(__VA_ARGS__))
#define SAFEMAP_ACQUIRED_AFTER(...) SAFEMAP_THREAD_ANNOTATION(acquired_after(__VA_ARGS__))
// On a function: its callers must hold these locks (exclusively / at least shared).
#define SAFEMAP_REQUIRES(...) SAFEMAP_THREAD_ANNOTATION(requires_capability(__VA_ARGS__))
#define SAFEMAP_REQUIRES_SHARED(...) \
  SAFEMAP_THREAD_ANNOTATION(requires_shared_capability(__VA_ARGS__))
// On a function: its callers must not hold these locks (it takes them itself).
#define SAFEMAP_EXCLUDES(...) SAFEMAP_THREAD_ANNOTATION(locks_excluded(__VA_ARGS__))
// On a function: it returns holding (releases) these locks; no argument means `this`.
#define SAFEMAP_ACQUIRE(...) SAFEMAP_THREAD_ANNOTATION(acquire_capability(__VA_ARGS__))
#define SAFEMAP_ACQUIRE_SHARED(...) \
  SAFEMAP_THREAD_ANNOTATION(acquire_shared_capability(__VA_ARGS__))
#define SAFEMAP_RELEASE(...) SAFEMAP_THREAD_ANNOTATION(release_capability(__VA_ARGS__))
#define SAFEMAP_RELEASE_SHARED(...) \
  SAFEMAP_THREAD_ANNOTATION(release_shared_capability(__VA_ARGS__))
#define SAFEMAP_TRY_ACQUIRE(...) SAFEMAP_THREAD_ANNOTATION(try_acquire_capability(__VA_ARGS__))
// The escape hatch for a lock held where the analysis cannot follow it (a lock object kept in a
// container, passed as proof): the function checks at run time that the lock is held and
// the analysis takes its word for it from then on.
#define SAFEMAP_ASSERT_CAPABILITY(lock) SAFEMAP_THREAD_ANNOTATION(assert_capability(lock))
#define SAFEMAP_ASSERT_SHARED_CAPABILITY(lock) \
  SAFEMAP_THREAD_ANNOTATION(assert_shared_capability(lock))

namespace safemap {

template <class Lockable>
concept shared_lockable = requires(Lockable& lockable) {
  lockable.lock_shared();
  lockable.unlock_shared();
};

// A Lockable (std::mutex, std::shared_mutex, a fork's spin lock) as a capability the analysis
// tracks. Thread safety, exception safety and cost: Lockable's own.
template <class Lockable>
class SAFEMAP_CAPABILITY("mutex") annotated_mutex {
 public:
  void lock() SAFEMAP_ACQUIRE() { lockable_.lock(); }
  bool try_lock() SAFEMAP_TRY_ACQUIRE(true) { return lockable_.try_lock(); }
  void unlock() SAFEMAP_RELEASE() { lockable_.unlock(); }

  void lock_shared()
    requires shared_lockable<Lockable>
  SAFEMAP_ACQUIRE_SHARED() {
    lockable_.lock_shared();
  }
  void unlock_shared()
    requires shared_lockable<Lockable>
  SAFEMAP_RELEASE_SHARED() {
    lockable_.unlock_shared();
  }

  // Blocks on `changed` until notified (or woken spuriously: wait in a loop that tests the
  // condition), releasing the lock meanwhile; the caller holds the lock before and after, which
  // is all the analysis needs to know.
  void wait(std::condition_variable& changed)
    requires std::same_as<Lockable, std::mutex>
  SAFEMAP_REQUIRES(this) {
    std::unique_lock held{lockable_, std::adopt_lock};
    changed.wait(held);
    held.release();  // still locked: the caller's guard unlocks it
  }

  // The same through a std::condition_variable_any, which also stops waiting once `stop` is
  // requested or `timeout` has passed; answers `ready()` then, as its wait_for does.
  template <class Rep, class Period, class Ready>
  bool wait_for(std::condition_variable_any& changed, std::stop_token stop,
                const std::chrono::duration<Rep, Period>& timeout, Ready ready)
      SAFEMAP_REQUIRES(this) {
    std::unique_lock held{lockable_, std::adopt_lock};
    const bool answer = changed.wait_for(held, std::move(stop), timeout, std::move(ready));
    held.release();  // still locked: the caller's guard unlocks it
    return answer;
  }

 private:
  Lockable lockable_;
};

using mutex = annotated_mutex<std::mutex>;
using shared_mutex = annotated_mutex<std::shared_mutex>;

// std::lock_guard for capabilities: holds `held` exclusively for its scope.
template <class Mutex>
class SAFEMAP_SCOPED_CAPABILITY lock_guard {
 public:
  explicit lock_guard(Mutex& held) SAFEMAP_ACQUIRE(held) : mutex_{held} { mutex_.lock(); }
  ~lock_guard() SAFEMAP_RELEASE() { mutex_.unlock(); }
  lock_guard(const lock_guard&) = delete;
  lock_guard& operator=(const lock_guard&) = delete;

 private:
  Mutex& mutex_;
};

// std::shared_lock's scoped use for capabilities: holds `held` shared for its scope.
template <class Mutex>
class SAFEMAP_SCOPED_CAPABILITY shared_lock_guard {
 public:
  explicit shared_lock_guard(Mutex& held) SAFEMAP_ACQUIRE_SHARED(held) : mutex_{held} {
    mutex_.lock_shared();
  }
  ~shared_lock_guard() SAFEMAP_RELEASE() { mutex_.unlock_shared(); }
  shared_lock_guard(const shared_lock_guard&) = delete;
  shared_lock_guard& operator=(const shared_lock_guard&) = delete;

 private:
  Mutex& mutex_;
};

// The guard a reader takes: shared where Mutex offers it, exclusive otherwise.
template <class Mutex>
using reader_lock_guard =
    std::conditional_t<shared_lockable<Mutex>, shared_lock_guard<Mutex>, lock_guard<Mutex>>;

}  // namespace safemap
