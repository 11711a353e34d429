// The controlled runtime's view of everything that blocks or starts a thread: thread start and
// join, condition variables, yields and sleeps. These calls come from the executable and from
// the C++ runtime alike (std::thread and std::condition_variable call them inside
// libstdc++.so, where link-time --wrap never looks), so they are caught the way sanitizer
// runtimes catch them: by defining the functions in the executable, which the dynamic linker
// then prefers for every library. Only executables linked with safemap::controlled_runtime
// carry this file (src/stress/CMakeLists.txt).
//
// On a thread no scheduler controls each goes on to the next definition: a sanitizer's
// interceptor when the executable has one (its ___interceptor_ name), else the C library's.
// Under control: a started thread takes a seat of its own, a join waits for that seat to
// finish, a condition variable's wait releases the mutex and waits for a signal in the
// scheduler's model (a timed wait's timeout is the strategy's choice), and a yield or a sleep
// is a scheduling point that takes no real time.
#include <dlfcn.h>
#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <time.h>
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>

#include "stress/schedule/scheduler.hpp"

namespace {

using safemap::stress::schedule::current_scheduler;
using safemap::stress::schedule::explorations_running;
using safemap::stress::schedule::scheduler;
using safemap::stress::schedule::uncontrolled_calls;

// A thread outside every schedule calls `call` while an exploration runs: counted, and said
// once per process, with the object, so the exploration cannot claim a control it lacks.
void note_uncontrolled(const char* call, const void* object) {
  if (explorations_running.load(std::memory_order_relaxed) == 0) return;
  if (uncontrolled_calls.fetch_add(1, std::memory_order_relaxed) == 0) {
    std::fprintf(stderr,
                 "[safemap explore] %s(%p) by a thread outside the schedule while an "
                 "exploration runs: it does not reach the schedule\n",
                 call, object);
  }
}

// The definition this file hides: the sanitizer's interceptor, or the C library's function.
template <class Function>
Function* next_definition(Function* sanitizer_interceptor, const char* name) {
  if (sanitizer_interceptor != nullptr) return sanitizer_interceptor;
  void* found = ::dlsym(RTLD_NEXT, name);
  if (found == nullptr) {
    std::fprintf(stderr, "safemap controlled runtime: no definition of %s after this one\n", name);
    std::abort();
  }
  return reinterpret_cast<Function*>(found);
}

struct start_record {
  void* (*routine)(void*);
  void* argument;
  scheduler* owner;
  unsigned index;
};

void* start_controlled(void* raw) {
  const std::unique_ptr<start_record> start{static_cast<start_record*>(raw)};
  const scheduler::seat seat{start->owner, start->index};
  return start->routine(start->argument);
}

}  // namespace

// Reserved names by design: the functions replaced, the sanitizers' interceptors and the
// linker's --wrap names.
// NOLINTBEGIN(bugprone-reserved-identifier)
extern "C" {

// Defined by a sanitizer runtime linked into the executable; null otherwise.
[[gnu::weak]] int ___interceptor_pthread_create(pthread_t*, const pthread_attr_t*, void* (*)(void*),
                                                void*);
[[gnu::weak]] int ___interceptor_pthread_join(pthread_t, void**);
[[gnu::weak]] int ___interceptor_pthread_cond_wait(pthread_cond_t*, pthread_mutex_t*);
[[gnu::weak]] int ___interceptor_pthread_cond_timedwait(pthread_cond_t*, pthread_mutex_t*,
                                                        const timespec*);
[[gnu::weak]] int ___interceptor_pthread_cond_clockwait(pthread_cond_t*, pthread_mutex_t*,
                                                        clockid_t, const timespec*);
[[gnu::weak]] int ___interceptor_pthread_cond_signal(pthread_cond_t*);
[[gnu::weak]] int ___interceptor_pthread_cond_broadcast(pthread_cond_t*);
[[gnu::weak]] int ___interceptor_sched_yield();
[[gnu::weak]] int ___interceptor_nanosleep(const timespec*, timespec*);
[[gnu::weak]] int ___interceptor_usleep(useconds_t);

// pthread_hooks.cpp: the real mutex functions and the scheduler's lock.
int __real_pthread_mutex_unlock(pthread_mutex_t* mutex);
int __wrap_pthread_mutex_lock(pthread_mutex_t* mutex);

}  // extern "C"

namespace {

// Releases `mutex`, waits for a signal in the scheduler's model and takes `mutex` again
// through the scheduler; whether it was signalled (false: the strategy chose the timeout).
bool controlled_wait(scheduler& owner, pthread_cond_t* condition_variable, pthread_mutex_t* mutex,
                     bool may_time_out) {
  // Released straight away and waited for without a scheduling point between: no other
  // controlled thread runs in between, so release and wait are one step, as POSIX promises.
  __real_pthread_mutex_unlock(mutex);
  const bool signalled = owner.wait_for_signal(condition_variable, mutex, may_time_out);
  __wrap_pthread_mutex_lock(mutex);
  return signalled;
}

// A condition variable's signal (or, with `all`, broadcast) the scheduler's way, or the next
// definition's on a thread outside every schedule.
template <class Next>
int signal_or_next(Next* next, const char* call, pthread_cond_t* condition_variable, bool all) {
  scheduler* const owner = current_scheduler;
  if (owner == nullptr) {
    note_uncontrolled(call, condition_variable);
    return next(condition_variable);
  }
  owner->signal(condition_variable, all);
  return 0;
}

// A yield or a sleep: a scheduling point that takes no time under control, the next
// definition's call elsewhere.
template <class Next, class... Arguments>
int point_or_next(Next* next, Arguments... arguments) {
  scheduler* const owner = current_scheduler;
  if (owner == nullptr) return next(arguments...);
  owner->point();
  return 0;
}

}  // namespace

extern "C" {

int pthread_create(pthread_t* thread, const pthread_attr_t* attributes, void* (*routine)(void*),
                   void* argument) {
  static auto* const next = next_definition(___interceptor_pthread_create, "pthread_create");
  scheduler* const owner = current_scheduler;
  if (owner == nullptr) return next(thread, attributes, routine, argument);
  const unsigned index = owner->start_thread();
  auto* start = new start_record{routine, argument, owner, index};
  if (const int failed = next(thread, attributes, start_controlled, start); failed != 0) {
    delete start;
    owner->not_started(index);
    return failed;
  }
  owner->started(index, static_cast<std::uint64_t>(*thread));
  return 0;
}

int pthread_join(pthread_t thread, void** result) {
  static auto* const next = next_definition(___interceptor_pthread_join, "pthread_join");
  if (scheduler* const owner = current_scheduler) {
    if (const auto index = owner->seat_of_thread(static_cast<std::uint64_t>(thread))) {
      owner->join(*index);
    }
  }
  return next(thread, result);
}

int pthread_cond_wait(pthread_cond_t* condition_variable, pthread_mutex_t* mutex) {
  static auto* const next = next_definition(___interceptor_pthread_cond_wait, "pthread_cond_wait");
  scheduler* const owner = current_scheduler;
  if (owner == nullptr) {
    note_uncontrolled("pthread_cond_wait", condition_variable);
    return next(condition_variable, mutex);
  }
  controlled_wait(*owner, condition_variable, mutex, false);
  return 0;
}

int pthread_cond_timedwait(pthread_cond_t* condition_variable, pthread_mutex_t* mutex,
                           const timespec* deadline) {
  static auto* const next =
      next_definition(___interceptor_pthread_cond_timedwait, "pthread_cond_timedwait");
  scheduler* const owner = current_scheduler;
  if (owner == nullptr) {
    note_uncontrolled("pthread_cond_timedwait", condition_variable);
    return next(condition_variable, mutex, deadline);
  }
  return controlled_wait(*owner, condition_variable, mutex, true) ? 0 : ETIMEDOUT;
}

int pthread_cond_clockwait(pthread_cond_t* condition_variable, pthread_mutex_t* mutex,
                           clockid_t clock, const timespec* deadline) {
  static auto* const next =
      next_definition(___interceptor_pthread_cond_clockwait, "pthread_cond_clockwait");
  scheduler* const owner = current_scheduler;
  if (owner == nullptr) {
    note_uncontrolled("pthread_cond_clockwait", condition_variable);
    return next(condition_variable, mutex, clock, deadline);
  }
  return controlled_wait(*owner, condition_variable, mutex, true) ? 0 : ETIMEDOUT;
}

int pthread_cond_signal(pthread_cond_t* condition_variable) {
  static auto* const next =
      next_definition(___interceptor_pthread_cond_signal, "pthread_cond_signal");
  return signal_or_next(next, "pthread_cond_signal", condition_variable, false);
}

int pthread_cond_broadcast(pthread_cond_t* condition_variable) {
  static auto* const next =
      next_definition(___interceptor_pthread_cond_broadcast, "pthread_cond_broadcast");
  return signal_or_next(next, "pthread_cond_broadcast", condition_variable, true);
}

int sched_yield() {
  static auto* const next = next_definition(___interceptor_sched_yield, "sched_yield");
  return point_or_next(next);
}

int nanosleep(const timespec* duration, timespec* remaining) {
  static auto* const next = next_definition(___interceptor_nanosleep, "nanosleep");
  return point_or_next(next, duration, remaining);
}

int usleep(useconds_t microseconds) {
  static auto* const next = next_definition(___interceptor_usleep, "usleep");
  return point_or_next(next, microseconds);
}

}  // extern "C"
// NOLINTEND(bugprone-reserved-identifier)
