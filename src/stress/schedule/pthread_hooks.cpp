// The scheduler's view of locks (mutexes, with or without a deadline, rwlocks, spin locks):
// every stress executable is linked with `--wrap=pthread_mutex_lock` and the like
// (src/stress/CMakeLists.txt), so each call of these functions in the executable's own code —
// std::mutex, std::timed_mutex and std::shared_mutex are inline over them, in a variant and in
// a fork's unmodified component alike — lands here first. On a thread no scheduler controls,
// each goes straight to the real function (`__real_...`; under ThreadSanitizer that is TSan's
// interceptor, which still sees every lock). Calls made inside shared libraries (the C++
// runtime's own, a peer map's .so) are not wrapped.
#include <pthread.h>

#include "stress/schedule/scheduler.hpp"

namespace {

using safemap::stress::schedule::current_scheduler;
using safemap::stress::schedule::lock_mode;
using safemap::stress::schedule::scheduler;

// glibc's mutex kind (PTHREAD_MUTEX_ERRORCHECK answers EDEADLK instead of hanging on a relock);
// the low bits of __data.__kind, as glibc's own PTHREAD_MUTEX_TYPE reads them.
bool relock_returns_error(const pthread_mutex_t* mutex) {
  return (mutex->__data.__kind & 0x7f) == PTHREAD_MUTEX_ERRORCHECK;
}

// Each wrapper: the scheduler's way on a controlled thread, the real function on any other.
template <class Scheduled, class Real>
int scheduled_or_real(Scheduled scheduled, Real real) {
  if (scheduler* owner = current_scheduler) return scheduled(*owner);
  return real();
}

// A spin lock is a volatile int; the scheduler tells locks apart by address alone.
const void* address_of(pthread_spinlock_t* lock) { return const_cast<const int*>(lock); }

}  // namespace

// The linker's --wrap names (`__wrap_f` replaces f, `__real_f` is the original): reserved
// identifiers by design.
// NOLINTBEGIN(bugprone-reserved-identifier)
extern "C" {

int __real_pthread_mutex_lock(pthread_mutex_t* mutex);
int __real_pthread_mutex_trylock(pthread_mutex_t* mutex);
int __real_pthread_mutex_unlock(pthread_mutex_t* mutex);
int __real_pthread_rwlock_rdlock(pthread_rwlock_t* rwlock);
int __real_pthread_rwlock_tryrdlock(pthread_rwlock_t* rwlock);
int __real_pthread_rwlock_wrlock(pthread_rwlock_t* rwlock);
int __real_pthread_rwlock_trywrlock(pthread_rwlock_t* rwlock);
int __real_pthread_rwlock_unlock(pthread_rwlock_t* rwlock);
int __real_pthread_mutex_timedlock(pthread_mutex_t* mutex, const timespec* deadline);
int __real_pthread_mutex_clocklock(pthread_mutex_t* mutex, clockid_t clock,
                                   const timespec* deadline);
int __real_pthread_spin_lock(pthread_spinlock_t* lock);
int __real_pthread_spin_trylock(pthread_spinlock_t* lock);
int __real_pthread_spin_unlock(pthread_spinlock_t* lock);

}  // extern "C"

namespace {

// A mutex's lock the scheduler's way, `real` (the real lock, with its deadline when
// `may_time_out`) once the model lets the thread take it; the real one elsewhere.
template <class Real>
int lock_mutex(pthread_mutex_t* mutex, Real real, bool may_time_out) {
  const auto try_real = [mutex] { return __real_pthread_mutex_trylock(mutex); };
  return scheduled_or_real(
      [&](scheduler& owner) {
        return owner.lock(mutex, lock_mode::exclusive, relock_returns_error(mutex), real, try_real,
                          may_time_out);
      },
      real);
}

}  // namespace

extern "C" {

int __wrap_pthread_mutex_lock(pthread_mutex_t* mutex) {
  return lock_mutex(mutex, [mutex] { return __real_pthread_mutex_lock(mutex); }, false);
}

// std::timed_mutex's try_lock_until and try_lock_for: the timeout is the strategy's choice.
int __wrap_pthread_mutex_timedlock(pthread_mutex_t* mutex, const timespec* deadline) {
  return lock_mutex(
      mutex, [mutex, deadline] { return __real_pthread_mutex_timedlock(mutex, deadline); }, true);
}

int __wrap_pthread_mutex_clocklock(pthread_mutex_t* mutex, clockid_t clock,
                                   const timespec* deadline) {
  return lock_mutex(
      mutex,
      [mutex, clock, deadline] { return __real_pthread_mutex_clocklock(mutex, clock, deadline); },
      true);
}

int __wrap_pthread_mutex_trylock(pthread_mutex_t* mutex) {
  const auto real = [mutex] { return __real_pthread_mutex_trylock(mutex); };
  return scheduled_or_real(
      [&](scheduler& owner) { return owner.try_lock(mutex, lock_mode::exclusive, real); }, real);
}

int __wrap_pthread_mutex_unlock(pthread_mutex_t* mutex) {
  const auto real = [mutex] { return __real_pthread_mutex_unlock(mutex); };
  return scheduled_or_real([&](scheduler& owner) { return owner.unlock(mutex, real); }, real);
}

// A reader that asks to write waits for itself. glibc answers a writer that takes its own
// rwlock again with EDEADLK (which std::shared_mutex throws); the scheduler reports either as
// the self-deadlock it is.
int __wrap_pthread_rwlock_rdlock(pthread_rwlock_t* rwlock) {
  const auto real = [rwlock] { return __real_pthread_rwlock_rdlock(rwlock); };
  const auto try_real = [rwlock] { return __real_pthread_rwlock_tryrdlock(rwlock); };
  return scheduled_or_real(
      [&](scheduler& owner) { return owner.lock(rwlock, lock_mode::shared, true, real, try_real); },
      real);
}

int __wrap_pthread_rwlock_tryrdlock(pthread_rwlock_t* rwlock) {
  const auto real = [rwlock] { return __real_pthread_rwlock_tryrdlock(rwlock); };
  return scheduled_or_real(
      [&](scheduler& owner) { return owner.try_lock(rwlock, lock_mode::shared, real); }, real);
}

int __wrap_pthread_rwlock_wrlock(pthread_rwlock_t* rwlock) {
  const auto real = [rwlock] { return __real_pthread_rwlock_wrlock(rwlock); };
  const auto try_real = [rwlock] { return __real_pthread_rwlock_trywrlock(rwlock); };
  return scheduled_or_real(
      [&](scheduler& owner) {
        return owner.lock(rwlock, lock_mode::exclusive, false, real, try_real);
      },
      real);
}

int __wrap_pthread_rwlock_trywrlock(pthread_rwlock_t* rwlock) {
  const auto real = [rwlock] { return __real_pthread_rwlock_trywrlock(rwlock); };
  return scheduled_or_real(
      [&](scheduler& owner) { return owner.try_lock(rwlock, lock_mode::exclusive, real); }, real);
}

int __wrap_pthread_rwlock_unlock(pthread_rwlock_t* rwlock) {
  const auto real = [rwlock] { return __real_pthread_rwlock_unlock(rwlock); };
  return scheduled_or_real([&](scheduler& owner) { return owner.unlock(rwlock, real); }, real);
}

// A spin lock is a mutex to the scheduler: a thread that would spin on one another controlled
// thread holds is not ready, and one that takes its own again spins on itself forever.
int __wrap_pthread_spin_lock(pthread_spinlock_t* lock) {
  const auto real = [lock] { return __real_pthread_spin_lock(lock); };
  const auto try_real = [lock] { return __real_pthread_spin_trylock(lock); };
  return scheduled_or_real(
      [&](scheduler& owner) {
        return owner.lock(address_of(lock), lock_mode::exclusive, false, real, try_real);
      },
      real);
}

int __wrap_pthread_spin_trylock(pthread_spinlock_t* lock) {
  const auto real = [lock] { return __real_pthread_spin_trylock(lock); };
  return scheduled_or_real(
      [&](scheduler& owner) {
        return owner.try_lock(address_of(lock), lock_mode::exclusive, real);
      },
      real);
}

int __wrap_pthread_spin_unlock(pthread_spinlock_t* lock) {
  const auto real = [lock] { return __real_pthread_spin_unlock(lock); };
  return scheduled_or_real([&](scheduler& owner) { return owner.unlock(address_of(lock), real); },
                           real);
}

}  // extern "C"
// NOLINTEND(bugprone-reserved-identifier)
