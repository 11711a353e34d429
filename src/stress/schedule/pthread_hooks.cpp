// The scheduler's view of locks: every stress executable is linked with
// `--wrap=pthread_mutex_lock` and the like (src/stress/CMakeLists.txt), so each call of these
// functions in the executable's own code — std::mutex and std::shared_mutex are inline over
// them, in a variant and in a fork's unmodified component alike — lands here first. On a
// thread no scheduler controls, each goes straight to the real function (`__real_...`; under
// ThreadSanitizer that is TSan's interceptor, which still sees every lock). Calls made inside
// shared libraries (the C++ runtime's own, a peer map's .so) are not wrapped.
#include <pthread.h>

#include "stress/schedule/scheduler.hpp"

namespace {

using safemap::stress::schedule::current_scheduler;
using safemap::stress::schedule::lock_mode;

// glibc's mutex kind (PTHREAD_MUTEX_ERRORCHECK answers EDEADLK instead of hanging on a relock);
// the low bits of __data.__kind, as glibc's own PTHREAD_MUTEX_TYPE reads them.
bool relock_returns_error(const pthread_mutex_t* mutex) {
  return (mutex->__data.__kind & 0x7f) == PTHREAD_MUTEX_ERRORCHECK;
}

}  // namespace

extern "C" {

int __real_pthread_mutex_lock(pthread_mutex_t* mutex);
int __real_pthread_mutex_trylock(pthread_mutex_t* mutex);
int __real_pthread_mutex_unlock(pthread_mutex_t* mutex);
int __real_pthread_rwlock_rdlock(pthread_rwlock_t* rwlock);
int __real_pthread_rwlock_tryrdlock(pthread_rwlock_t* rwlock);
int __real_pthread_rwlock_wrlock(pthread_rwlock_t* rwlock);
int __real_pthread_rwlock_trywrlock(pthread_rwlock_t* rwlock);
int __real_pthread_rwlock_unlock(pthread_rwlock_t* rwlock);

int __wrap_pthread_mutex_lock(pthread_mutex_t* mutex) {
  if (auto* owner = current_scheduler) {
    return owner->lock(mutex, lock_mode::exclusive, relock_returns_error(mutex),
                       [mutex] { return __real_pthread_mutex_lock(mutex); },
                       [mutex] { return __real_pthread_mutex_trylock(mutex); });
  }
  return __real_pthread_mutex_lock(mutex);
}

int __wrap_pthread_mutex_trylock(pthread_mutex_t* mutex) {
  if (auto* owner = current_scheduler) {
    return owner->try_lock(mutex, lock_mode::exclusive, [mutex] { return __real_pthread_mutex_trylock(mutex); });
  }
  return __real_pthread_mutex_trylock(mutex);
}

int __wrap_pthread_mutex_unlock(pthread_mutex_t* mutex) {
  if (auto* owner = current_scheduler) {
    return owner->unlock(mutex, [mutex] { return __real_pthread_mutex_unlock(mutex); });
  }
  return __real_pthread_mutex_unlock(mutex);
}

// A reader that asks to write waits for itself. glibc answers a writer that takes its own
// rwlock again with EDEADLK (which std::shared_mutex throws); the scheduler reports either as
// the self-deadlock it is.
int __wrap_pthread_rwlock_rdlock(pthread_rwlock_t* rwlock) {
  if (auto* owner = current_scheduler) {
    return owner->lock(rwlock, lock_mode::shared, true, [rwlock] { return __real_pthread_rwlock_rdlock(rwlock); },
                       [rwlock] { return __real_pthread_rwlock_tryrdlock(rwlock); });
  }
  return __real_pthread_rwlock_rdlock(rwlock);
}

int __wrap_pthread_rwlock_tryrdlock(pthread_rwlock_t* rwlock) {
  if (auto* owner = current_scheduler) {
    return owner->try_lock(rwlock, lock_mode::shared, [rwlock] { return __real_pthread_rwlock_tryrdlock(rwlock); });
  }
  return __real_pthread_rwlock_tryrdlock(rwlock);
}

int __wrap_pthread_rwlock_wrlock(pthread_rwlock_t* rwlock) {
  if (auto* owner = current_scheduler) {
    return owner->lock(rwlock, lock_mode::exclusive, false, [rwlock] { return __real_pthread_rwlock_wrlock(rwlock); },
                       [rwlock] { return __real_pthread_rwlock_trywrlock(rwlock); });
  }
  return __real_pthread_rwlock_wrlock(rwlock);
}

int __wrap_pthread_rwlock_trywrlock(pthread_rwlock_t* rwlock) {
  if (auto* owner = current_scheduler) {
    return owner->try_lock(rwlock, lock_mode::exclusive, [rwlock] { return __real_pthread_rwlock_trywrlock(rwlock); });
  }
  return __real_pthread_rwlock_trywrlock(rwlock);
}

int __wrap_pthread_rwlock_unlock(pthread_rwlock_t* rwlock) {
  if (auto* owner = current_scheduler) {
    return owner->unlock(rwlock, [rwlock] { return __real_pthread_rwlock_unlock(rwlock); });
  }
  return __real_pthread_rwlock_unlock(rwlock);
}

}  // extern "C"
