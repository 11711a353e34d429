// The controlled runtime's view of everything that blocks or starts a thread: thread start and
// join, condition variables, semaphores, barriers, futexes (std::atomic::wait and what the C++
// runtime builds on it: std::counting_semaphore, std::latch, std::barrier, std::future), yields
// and sleeps. These calls come from the executable and from
// the C++ runtime alike (std::thread and std::condition_variable call them inside
// libstdc++.so, where link-time --wrap never looks), so they are caught the way sanitizer
// runtimes catch them: by defining the functions in the executable, which the dynamic linker
// then prefers for every library. Only executables linked with safemap::controlled_runtime
// carry this file (src/stress/CMakeLists.txt).
//
// On a thread no scheduler controls each goes on to the next definition: a sanitizer's
// interceptor when the executable has one (its ___interceptor_ name), else the C library's;
// while an exploration runs, such a thread's join, condition variable, semaphore, barrier or
// futex call is counted and reported (uncontrolled.hpp). Under control: a started thread
// takes a seat of its own, a detached one keeps it, a join waits for that seat to finish, a
// condition variable's wait releases the mutex and waits for a signal in the
// scheduler's model (a timed wait's timeout is the strategy's choice), a semaphore's wait waits
// until its count is positive, a barrier's until its last thread arrives, a futex wait until
// the word changes (a futex may wake spuriously, so a waiter always checks again), and a yield
// or a sleep is a scheduling point that takes no real time.
#include <dlfcn.h>
#include <errno.h>
#include <linux/futex.h>
#include <pthread.h>
#include <sched.h>
#include <semaphore.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include <atomic>
#include <cstdarg>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <optional>
#include <unordered_map>

#include "stress/schedule/no_atomic_points.hpp"
#include "stress/schedule/scheduler.hpp"
#include "stress/schedule/uncontrolled.hpp"

// X(name) for every function this file defines in place of the next definition.
#if defined(__x86_64__)
#define SAFEMAP_HOOKED_SYSCALL(X) X(syscall)
#else
#define SAFEMAP_HOOKED_SYSCALL(X)
#endif
#define SAFEMAP_HOOKED_FUNCTIONS(X) \
  X(pthread_create)                 \
  X(pthread_join)                   \
  X(pthread_detach)                 \
  X(pthread_cond_wait)              \
  X(pthread_cond_timedwait)         \
  X(pthread_cond_clockwait)         \
  X(pthread_cond_signal)            \
  X(pthread_cond_broadcast)         \
  X(sched_yield)                    \
  X(nanosleep)                      \
  X(usleep)                         \
  X(sem_wait)                       \
  X(sem_timedwait)                  \
  X(sem_clockwait)                  \
  X(sem_post)                       \
  X(pthread_barrier_init)           \
  X(pthread_barrier_wait)           \
  SAFEMAP_HOOKED_SYSCALL(X)

namespace {

using safemap::stress::schedule::blocking_kind;
using safemap::stress::schedule::current_scheduler;
using safemap::stress::schedule::scheduler;

// The scheduler of the calling thread; null on a thread outside every schedule, whose call of
// `kind` (`call` on `object`) is then counted while an exploration runs (uncontrolled.hpp) and
// the first one said, with the object, so the exploration cannot claim a control it lacks.
scheduler* controller_or_noted(blocking_kind kind, const char* call, const void* object) {
  namespace schedule = safemap::stress::schedule;
  scheduler* const owner = current_scheduler;
  if (owner != nullptr || schedule::explorations_running.load(std::memory_order_relaxed) == 0 ||
      schedule::runs_an_exploration) {
    return owner;
  }
  static std::atomic<bool> said{false};
  schedule::uncontrolled_calls[static_cast<std::size_t>(kind)].fetch_add(1,
                                                                         std::memory_order_relaxed);
  if (!said.exchange(true, std::memory_order_relaxed)) {
    std::fprintf(stderr,
                 "[safemap explore] %s(%p) by a thread outside the schedule while an "
                 "exploration runs: it does not reach the schedule\n",
                 call, object);
  }
  return owner;
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
#define SAFEMAP_SANITIZER_INTERCEPTOR(name) [[gnu::weak]] decltype(::name) ___interceptor_##name;
SAFEMAP_HOOKED_FUNCTIONS(SAFEMAP_SANITIZER_INTERCEPTOR)
#undef SAFEMAP_SANITIZER_INTERCEPTOR

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

// The scheduler's model of each pthread barrier: how many threads it waits for (from its
// pthread_barrier_init), how many have arrived, and how many times it has opened. Controlled
// threads never wait in the real barrier: one at a time, they would wait for each other there.
struct barrier_model {
  unsigned count = 0;
  unsigned arrived = 0;
  std::uint64_t openings = 0;
};

// Shared by every thread, controlled or not: a spin lock, because a mutex would be a scheduling
// point itself.
class barrier_models {
 public:
  void initialized(const pthread_barrier_t* barrier, unsigned count) {
    const guard held{busy_};
    models_[barrier] = barrier_model{.count = count, .arrived = 0, .openings = 0};
  }
  // Arrives at `barrier`: the opening to wait for, or nothing when this arrival opens it.
  std::optional<std::uint64_t> arrive(const pthread_barrier_t* barrier) {
    const guard held{busy_};
    barrier_model& model = models_[barrier];
    if (++model.arrived < model.count) return model.openings;
    model.arrived = 0;
    ++model.openings;
    return std::nullopt;
  }
  std::uint64_t openings(const pthread_barrier_t* barrier) {
    const guard held{busy_};
    return models_[barrier].openings;
  }

 private:
  class guard {
   public:
    explicit guard(std::atomic_flag& busy) : busy_{busy} {
      while (busy_.test_and_set(std::memory_order_acquire)) {
      }
    }
    guard(const guard&) = delete;
    guard& operator=(const guard&) = delete;
    ~guard() { busy_.clear(std::memory_order_release); }

   private:
    std::atomic_flag& busy_;
    // Taken inside a scheduling point too (a waiter's readiness): never one itself.
    safemap::stress::schedule::no_atomic_points unscheduled_;
  };

  std::atomic_flag busy_;
  std::unordered_map<const pthread_barrier_t*, barrier_model> models_;
};

barrier_models& barriers() {
  static barrier_models models;
  return models;
}

// A futex word as the waiter sees it: the kernel reads it without any ordering, so does this.
std::uint32_t futex_word(const void* address) {
  const safemap::stress::schedule::no_atomic_points kernel_read;
  return std::atomic_ref{*static_cast<std::uint32_t*>(const_cast<void*>(address))}.load(
      std::memory_order_relaxed);
}

// A semaphore's wait the scheduler's way: until its count is positive (or, when timed, until the
// strategy runs it anyway), then the real try-wait takes one.
int controlled_semaphore_wait(scheduler& owner, sem_t* semaphore, bool may_time_out) {
  const auto positive = [semaphore] {
    int value = 0;
    ::sem_getvalue(semaphore, &value);
    return value > 0;
  };
  if (!owner.wait_until(positive, {.what = "semaphore", .object = semaphore}, may_time_out)) {
    errno = ETIMEDOUT;
    return -1;
  }
  return ::sem_trywait(semaphore);
}

// A condition variable's signal (or, with `all`, broadcast) the scheduler's way, or the next
// definition's on a thread outside every schedule.
template <class Next>
int signal_or_next(Next* next, const char* call, pthread_cond_t* condition_variable, bool all) {
  scheduler* const owner =
      controller_or_noted(blocking_kind::condition_variable, call, condition_variable);
  if (owner == nullptr) return next(condition_variable);
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

// The definition each hook goes on to, looked up once at start rather than at a first call:
// LeakSanitizer's check at exit calls sched_yield() with its allocator locked, and a first
// dlsym() there frees its error text and waits for that lock forever.
struct next_definitions {
// NOLINTNEXTLINE(bugprone-macro-parentheses): `name` names the entry; it is no expression.
#define SAFEMAP_NEXT_ENTRY(name) decltype(&::name) name = nullptr;
  SAFEMAP_HOOKED_FUNCTIONS(SAFEMAP_NEXT_ENTRY)
#undef SAFEMAP_NEXT_ENTRY
};
next_definitions next;

// First among the executable's constructors, before any other can start a thread or wait.
[[gnu::constructor(101)]] void look_up_next_definitions() {
#define SAFEMAP_LOOK_UP(name) next.name = next_definition(___interceptor_##name, #name);
  SAFEMAP_HOOKED_FUNCTIONS(SAFEMAP_LOOK_UP)
#undef SAFEMAP_LOOK_UP
}

}  // namespace

extern "C" {

int pthread_create(pthread_t* thread, const pthread_attr_t* attributes, void* (*routine)(void*),
                   void* argument) {
  scheduler* const owner = current_scheduler;
  if (owner == nullptr) return next.pthread_create(thread, attributes, routine, argument);
  const unsigned index = owner->start_thread();
  // An allocation failure ends the program here, as it would inside the C++ runtime.
  // NOLINTNEXTLINE(bugprone-unhandled-exception-at-new)
  auto* start = new start_record{routine, argument, owner, index};
  if (const int failed = next.pthread_create(thread, attributes, start_controlled, start);
      failed != 0) {
    delete start;
    owner->not_started(index);
    return failed;
  }
  owner->started(index, static_cast<std::uint64_t>(*thread));
  return 0;
}

int pthread_join(pthread_t thread, void** result) {
  const auto id = static_cast<std::uint64_t>(thread);
  // NOLINTNEXTLINE(performance-no-int-to-ptr): a thread's id, shown as an object's address.
  const void* const shown = reinterpret_cast<const void*>(id);
  if (scheduler* const owner =
          controller_or_noted(blocking_kind::thread_join, "pthread_join", shown)) {
    if (const auto index = owner->seat_of_thread(id)) owner->join(*index);
  }
  return next.pthread_join(thread, result);
}

// A detached thread keeps its seat and finishes within the schedule like any other: the
// detach is a point after the real one.
int pthread_detach(pthread_t thread) {
  const int detached = next.pthread_detach(thread);
  if (scheduler* const owner = current_scheduler) owner->point();
  return detached;
}

int pthread_cond_wait(pthread_cond_t* condition_variable, pthread_mutex_t* mutex) {
  scheduler* const owner = controller_or_noted(blocking_kind::condition_variable,
                                               "pthread_cond_wait", condition_variable);
  if (owner == nullptr) return next.pthread_cond_wait(condition_variable, mutex);
  controlled_wait(*owner, condition_variable, mutex, false);
  return 0;
}

int pthread_cond_timedwait(pthread_cond_t* condition_variable, pthread_mutex_t* mutex,
                           const timespec* deadline) {
  scheduler* const owner = controller_or_noted(blocking_kind::condition_variable,
                                               "pthread_cond_timedwait", condition_variable);
  if (owner == nullptr) return next.pthread_cond_timedwait(condition_variable, mutex, deadline);
  return controlled_wait(*owner, condition_variable, mutex, true) ? 0 : ETIMEDOUT;
}

int pthread_cond_clockwait(pthread_cond_t* condition_variable, pthread_mutex_t* mutex,
                           clockid_t clock, const timespec* deadline) {
  scheduler* const owner = controller_or_noted(blocking_kind::condition_variable,
                                               "pthread_cond_clockwait", condition_variable);
  if (owner == nullptr)
    return next.pthread_cond_clockwait(condition_variable, mutex, clock, deadline);
  return controlled_wait(*owner, condition_variable, mutex, true) ? 0 : ETIMEDOUT;
}

int pthread_cond_signal(pthread_cond_t* condition_variable) {
  return signal_or_next(next.pthread_cond_signal, "pthread_cond_signal", condition_variable, false);
}

int pthread_cond_broadcast(pthread_cond_t* condition_variable) {
  return signal_or_next(next.pthread_cond_broadcast, "pthread_cond_broadcast", condition_variable,
                        true);
}

int sched_yield() { return point_or_next(next.sched_yield); }

int nanosleep(const timespec* duration, timespec* remaining) {
  return point_or_next(next.nanosleep, duration, remaining);
}

int usleep(useconds_t microseconds) { return point_or_next(next.usleep, microseconds); }

int sem_wait(sem_t* semaphore) {
  scheduler* const owner = controller_or_noted(blocking_kind::semaphore, "sem_wait", semaphore);
  if (owner == nullptr) return next.sem_wait(semaphore);
  return controlled_semaphore_wait(*owner, semaphore, false);
}

int sem_timedwait(sem_t* semaphore, const timespec* deadline) {
  scheduler* const owner =
      controller_or_noted(blocking_kind::semaphore, "sem_timedwait", semaphore);
  if (owner == nullptr) return next.sem_timedwait(semaphore, deadline);
  return controlled_semaphore_wait(*owner, semaphore, true);
}

int sem_clockwait(sem_t* semaphore, clockid_t clock, const timespec* deadline) {
  scheduler* const owner =
      controller_or_noted(blocking_kind::semaphore, "sem_clockwait", semaphore);
  if (owner == nullptr) return next.sem_clockwait(semaphore, clock, deadline);
  return controlled_semaphore_wait(*owner, semaphore, true);
}

int sem_post(sem_t* semaphore) {
  scheduler* const owner = controller_or_noted(blocking_kind::semaphore, "sem_post", semaphore);
  const int posted = next.sem_post(semaphore);
  if (owner != nullptr) owner->point();
  return posted;
}

int pthread_barrier_init(pthread_barrier_t* barrier, const pthread_barrierattr_t* attributes,
                         unsigned count) {
  barriers().initialized(barrier, count);
  return next.pthread_barrier_init(barrier, attributes, count);
}

int pthread_barrier_wait(pthread_barrier_t* barrier) {
  scheduler* const owner =
      controller_or_noted(blocking_kind::barrier, "pthread_barrier_wait", barrier);
  if (owner == nullptr) return next.pthread_barrier_wait(barrier);
  const auto opening = barriers().arrive(barrier);
  if (!opening) {
    owner->point();
    return PTHREAD_BARRIER_SERIAL_THREAD;
  }
  owner->wait_until(
      [barrier, awaited = *opening] { return barriers().openings(barrier) > awaited; },
      {.what = "barrier", .object = barrier});
  return 0;
}

#if defined(__x86_64__)
// The futex operations std::atomic::wait and notify make (inline in the executable, through
// syscall()) and the C++ runtime's own (std::future). Every other system call, and every futex
// call outside the schedule, goes on unchanged. The scheduler's hand-off does not come here
// (futex.hpp).
long syscall(long number, ...) {
  va_list arguments;
  va_start(arguments, number);
  long argument[6];
  for (long& each : argument) each = va_arg(arguments, long);
  va_end(arguments);
  const int operation = static_cast<int>(argument[1]) & FUTEX_CMD_MASK;
  const bool waits = operation == FUTEX_WAIT || operation == FUTEX_WAIT_BITSET;
  const bool wakes = operation == FUTEX_WAKE || operation == FUTEX_WAKE_BITSET;
  // NOLINTNEXTLINE(performance-no-int-to-ptr): the system call's argument is the word's address.
  const void* word = reinterpret_cast<const void*>(argument[0]);
  scheduler* const owner =
      number == SYS_futex && (waits || wakes)
          ? controller_or_noted(blocking_kind::futex, waits ? "futex wait" : "futex wake", word)
          : nullptr;
  if (owner == nullptr) {
    return next.syscall(number, argument[0], argument[1], argument[2], argument[3], argument[4],
                        argument[5]);
  }
  if (wakes) {
    owner->point();
    return 0;
  }
  const auto expected = static_cast<std::uint32_t>(argument[2]);
  if (futex_word(word) != expected) {
    errno = EAGAIN;
    return -1;
  }
  const bool timed = argument[3] != 0;
  if (!owner->wait_until([word, expected] { return futex_word(word) != expected; },
                         {.what = "futex", .object = word}, timed)) {
    errno = ETIMEDOUT;
    return -1;
  }
  return 0;
}
#endif

}  // extern "C"
// NOLINTEND(bugprone-reserved-identifier)
