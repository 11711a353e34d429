// schedule/: which thread runs next: controlled schedules, strategies, scheduling points
//
// scheduler: runs the controlled threads of one round or one schedule one at a time and
// decides, at every scheduling point, which of them runs next (strategy.hpp), so that the
// interleaving is a function of its seed and can be replayed (docs/harness.md, "Controlled
// schedules").
//
// Scheduling points: the harness's own operation boundaries (point()), every lock, timed lock,
// unlock and try-lock of a pthread mutex, rwlock or spin lock by a controlled thread
// (pthread_hooks.cpp wraps them at link time in every stress executable, so std::mutex and
// std::shared_mutex inside a variant, a fork's own component included, are scheduled without
// a line changed), and, in executables linked with the controlled runtime (blocking_hooks.cpp),
// the start, detach and join of threads and the waits and notifications of condition
// variables, semaphores, barriers and futexes; in ThreadSanitizer builds, every atomic
// operation (atomic_hooks.cpp, schedule_settings::atomic_points) but the harness's own.
//
// The scheduler models what blocks: a thread that would block on a lock another controlled
// thread holds, that waits on a condition variable nobody has signalled since, or that joins a
// thread still running is not ready; when no thread is ready and every one waits, that is a
// deadlock, and the handler gets who waits for what at once (no watchdog period). A lost
// wakeup is such a deadlock: it names the condition variable and who signalled it before.
//
// A thread that makes no scheduling point for schedule_settings::no_progress_after while no
// other can run (it escaped, or nobody else is there), or that is that long the only one ready
// at its own points (a spin on an atomic, where atomics are points), ends the round with a
// no-progress report through the deadlock handler, rather than hanging it.
//
// Waits the scheduler does not model (a sleep, a spin on an atomic) cannot hang it: a thread
// that holds the turn and makes no scheduling point for `escape_after` while another is ready,
// and meanwhile sleeps in the kernel or uses that much CPU time (thread_activity.hpp: a thread
// the machine's load keeps off a core is waited for, up to `runnable_escape_after`), is left to
// the operating system ("escaped") until its next scheduling point, and the turn goes on. A round
// with escapes is not guaranteed to replay; escapes() counts them and reports say so.
//
// ThreadSanitizer sees nothing of the scheduler (tsan_invisible.hpp): the hand-off orders no
// thread's accesses before another's, so races stay visible.
#pragma once

#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstdint>
#include <deque>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <unordered_map>
#include <vector>

#include <safemap/thread_annotations.hpp>

#include "stress/schedule/lock_model.hpp"
#include "stress/schedule/strategy.hpp"
#include "stress/schedule/thread_activity.hpp"

namespace safemap::stress::schedule {

class scheduler;

// What a controlled thread waits for, for a deadlock report: "<what> <object>" ("semaphore
// 0x..."), or `what` alone without an object.
struct wait_description {
  const char* what = "the other workers (the harness's barrier)";
  const void* object = nullptr;
};

// The scheduler of the calling thread, when it is a controlled worker; otherwise null.
inline thread_local scheduler* current_scheduler = nullptr;

class scheduler {
 public:
  // Gets every line of the deadlock's description; does not return.
  using deadlock_handler = std::function<void(std::vector<std::string>)>;
  // Called at each switch, on the thread that gives up the turn (`from`), with the scheduler's
  // lock held: a traced replay records where each thread was switched out.
  using switch_observer = std::function<void(unsigned from, unsigned to)>;

  static constexpr std::chrono::milliseconds escape_after{20};
  // A runnable thread that spins with yields gets little CPU time on a loaded machine: it
  // escapes after this long without a scheduling point whatever its CPU time.
  static constexpr std::chrono::milliseconds runnable_escape_after = 10 * escape_after;

  // `threads`: the seats taken before the first turn; controlled threads may start more.
  scheduler(const schedule_settings& settings, unsigned threads, std::uint64_t expected_steps,
            std::uint64_t seed, deadlock_handler on_deadlock);
  scheduler(const scheduler&) = delete;
  scheduler& operator=(const scheduler&) = delete;

  // A thread's place in the schedule, for its whole life. The first turn goes out once every
  // initial seat is taken; a thread started later (start_thread) waits for a turn. With a null
  // scheduler (free schedules) it does nothing.
  class seat {
   public:
    seat(scheduler* owner, unsigned index);
    seat(const seat&) = delete;
    seat& operator=(const seat&) = delete;
    ~seat();

   private:
    scheduler* owner_;
  };

  // Before the first turn.
  void observe_switches(switch_observer observer);

  void point();
  bool atomic_points() const { return settings_.atomic_points; }  // atomic_hooks.cpp
  bool memory_points() const { return settings_.memory_points; }  // points_runtime.cpp

  // With `may_time_out` (a lock with a deadline: pthread_mutex_timedlock) the strategy may also
  // run the thread while another controlled thread holds the lock, and it returns ETIMEDOUT:
  // the timeout is the strategy's choice, not the clock's, as for a timed condition wait.
  template <class Acquire, class TryAcquire>
  int lock(const void* lock, lock_mode mode, bool relock_returns_error, Acquire acquire,
           TryAcquire try_acquire, bool may_time_out = false) {
    point();
    const lock_wait waited = wait_to_lock(lock, mode, may_time_out);
    if (waited == lock_wait::timed_out) return ETIMEDOUT;
    if (waited == lock_wait::takes_it_again) {
      // Recursive locks take it again; an error-checking one says so; anything else waits for
      // itself forever, or until its deadline.
      if (const int tried = try_acquire(); tried == 0) {
        acquired(lock, mode);
        return tried;
      }
      if (!relock_returns_error) {
        if (may_time_out) return ETIMEDOUT;
        self_deadlock(lock, mode);
      }
      return acquire();
    }
    const int taken = acquire();
    if (taken == 0) acquired(lock, mode);
    return taken;
  }

  template <class TryAcquire>
  int try_lock(const void* lock, lock_mode mode, TryAcquire try_acquire) {
    point();
    const int taken = try_acquire();
    if (taken == 0) acquired(lock, mode);
    return taken;
  }

  template <class Release>
  int unlock(const void* lock, Release release) {
    const int released_result = release();
    released(lock);
    point();
    return released_result;
  }

  // Blocks the calling controlled thread until `ready()` holds, running others meanwhile, and
  // returns true; with `may_time_out` the strategy may also run it before, and it returns
  // whether ready() held then (false: the wait timed out).
  template <class Ready>
  bool wait_until(const Ready& ready, wait_description waited = {}, bool may_time_out = false) {
    return wait_for_condition(
        [](const void* context) { return (*static_cast<const Ready*>(context))(); }, &ready, waited,
        may_time_out);
  }

  // Threads started by controlled threads, on the starting thread: start_thread() gives the new
  // thread's seat index (taken by its own `seat`), started() waits until it has taken the seat
  // and is a scheduling point, join() waits until it has finished. `id` names the thread for
  // seat_of_thread(), which answers for threads started under this scheduler only.
  unsigned start_thread();
  void started(unsigned index, std::uint64_t id);
  void not_started(unsigned index);  // the operating system refused to start it
  std::optional<unsigned> seat_of_thread(std::uint64_t id);
  void join(unsigned index);

  // A condition variable's wait, on a thread that has just released `lock` (the caller took it
  // and gives it back): waits until signal() picks this thread, or, when `may_time_out` or with
  // spurious wakeups on (schedule_settings), until the strategy runs it unsignalled; returns
  // whether it was signalled. The caller then takes `lock` again through lock().
  bool wait_for_signal(const void* condition_variable, const void* lock, bool may_time_out);
  // Wakes the longest waiter on `condition_variable`, or every one; a signal nobody waits for
  // is lost, as for a real one. A scheduling point.
  void signal(const void* condition_variable, bool all);

  // On a thread outside the schedule: waits until every seat has finished.
  void wait_until_all_finished();
  // On a thread outside the schedule, now and then while the round runs: ends it with the
  // no-progress report when the running thread has made no scheduling point for
  // no_progress_after and no other can run, or has been the only ready one that long (a lone
  // thread's endless loop, which no waiting thread is there to see).
  void check_progress() SAFEMAP_EXCLUDES(state_);

  // Counts of the round so far; read them once its threads have finished.
  std::uint64_t steps() const;
  std::uint64_t switches() const;
  unsigned escapes() const;
  std::uint64_t trace_hash() const;  // of every choice made: equal hashes, equal schedules

 private:
  enum class seat_state {
    absent,
    starting,  // started by a controlled thread, not seated yet
    runnable,
    waiting_for_lock,
    waiting_for_condition,
    waiting_for_signal,
    waiting_for_thread,
    escaped,
    finished
  };
  enum class lock_wait { free, takes_it_again, timed_out };
  using condition = bool (*)(const void*);

  struct alignas(64) seat_record {
    std::atomic<std::uint32_t> go{0};  // whether this thread has the turn (scheduler.cpp)
    seat_state state = seat_state::absent;
    const void* lock = nullptr;
    lock_mode mode = lock_mode::exclusive;
    condition ready = nullptr;
    const void* ready_context = nullptr;
    wait_description waited{};                 // waiting_for_condition
    const void* condition_variable = nullptr;  // waited on (waiting_for_signal)
    std::uint64_t wait_ticket = 0;             // its place among that variable's waiters
    bool signalled = false;
    bool may_time_out = false;    // waiting_for_lock, _for_condition or _for_signal
    unsigned joined = no_thread;  // waited for (waiting_for_thread)
    thread_activity activity;     // whether it is stuck (escape_if_stuck)
  };

  // The lock of the scheduler's state: a spin lock (scheduler.cpp), a capability for clang's
  // thread-safety analysis through safemap::annotated_mutex.
  class spin_lock {
   public:
    void lock();
    void unlock();

   private:
    std::atomic<bool> busy_{false};
  };
  using state_lock = safemap::annotated_mutex<spin_lock>;

  // Holds state_ for its scope (scheduler.cpp), and may open and retake it meanwhile.
  class SAFEMAP_SCOPED_CAPABILITY guard;

  // Each takes the guard itself.
  void enrol(unsigned index) SAFEMAP_EXCLUDES(state_);
  void leave() SAFEMAP_EXCLUDES(state_);
  lock_wait wait_to_lock(const void* lock, lock_mode mode, bool may_time_out)
      SAFEMAP_EXCLUDES(state_);
  void acquired(const void* lock, lock_mode mode) SAFEMAP_EXCLUDES(state_);
  void released(const void* lock) SAFEMAP_EXCLUDES(state_);
  [[noreturn]] void self_deadlock(const void* lock, lock_mode mode) SAFEMAP_EXCLUDES(state_);
  bool wait_for_condition(condition ready, const void* context, wait_description waited,
                          bool may_time_out) SAFEMAP_EXCLUDES(state_);
  void escape_if_stuck(unsigned self) SAFEMAP_EXCLUDES(state_);
  // Whether the running thread has made a scheduling point since the quiet period began (which
  // then begins again at `now`).
  bool quiet_period_restarted(std::chrono::steady_clock::time_point now) SAFEMAP_REQUIRES(state_);
  // The ready threads other than the running one; with none, a running thread quiet for
  // no_progress_after ends the round with the no-progress report (escape_if_stuck and
  // check_progress judge it alike).
  std::vector<unsigned> others_ready_or_no_progress(guard& held,
                                                    std::chrono::steady_clock::time_point now)
      SAFEMAP_REQUIRES(state_, held);
  // `how`: what the stuck worker did meanwhile.
  [[noreturn]] void report_no_progress(guard& held, unsigned stuck, const std::string& how)
      SAFEMAP_REQUIRES(state_, held);
  // At a point of `self`: whether it is the only ready thread, since when (alone_since_).
  void note_whether_alone(std::span<const unsigned> ready, unsigned self) SAFEMAP_REQUIRES(state_);
  // A new quiet period: from now, with the running thread's CPU time as it is.
  void restart_quiet(std::chrono::steady_clock::time_point now) SAFEMAP_REQUIRES(state_);

  // With the guard held (those given it may open and retake it):
  bool is_ready(unsigned index) const SAFEMAP_REQUIRES(state_);
  // Not ready, but an unsignalled condition wait settings_.spurious_wakeups may end.
  bool may_wake_spuriously(unsigned index) const SAFEMAP_REQUIRES(state_);
  bool lock_available(const void* lock, lock_mode mode) const SAFEMAP_REQUIRES(state_);
  const std::vector<unsigned>& ready_threads() SAFEMAP_REQUIRES(state_);
  void rejoin_if_escaped(guard& held, unsigned self) SAFEMAP_REQUIRES(state_, held);
  // Picks the next thread; waits unless self runs on.
  void hand_on(guard& held, unsigned self) SAFEMAP_REQUIRES(state_, held);
  void grant(unsigned index) SAFEMAP_REQUIRES(state_);
  // Opens the lock through `held` and retakes it once `go` (self's) gives self the turn; the
  // analysis cannot follow `held` to state_, so it is told of `held` alone and takes none of
  // the state as held inside.
  void wait_for_turn(guard& held, std::atomic<std::uint32_t>& go, unsigned self)
      SAFEMAP_REQUIRES(held);
  std::vector<std::string> describe_waits() const SAFEMAP_REQUIRES(state_);
  std::string describe_signal_wait(const seat_record& record) const SAFEMAP_REQUIRES(state_);
  [[noreturn]] void report_deadlock(guard& held, std::vector<std::string> why)
      SAFEMAP_REQUIRES(state_, held);

  static unsigned self_index();

  schedule_settings settings_;
  mutable state_lock state_;  // the guard's spin lock
  // Every field of a record but `go`, which a waiting thread reads with the lock open: a deque,
  // so that a thread started meanwhile adds a seat without moving the others.
  std::deque<seat_record> seats_ SAFEMAP_GUARDED_BY(state_);
  unsigned initial_seats_;
  std::unordered_map<std::uint64_t, unsigned> started_threads_ SAFEMAP_GUARDED_BY(state_);
  // Who signalled each condition variable, for the report of a wait nobody will end.
  std::unordered_map<const void*, std::vector<unsigned>> signallers_ SAFEMAP_GUARDED_BY(state_);
  std::uint64_t wait_tickets_ SAFEMAP_GUARDED_BY(state_) = 0;
  lock_model locks_ SAFEMAP_GUARDED_BY(state_);
  chooser chooser_ SAFEMAP_GUARDED_BY(state_);
  deadlock_handler on_deadlock_;
  switch_observer on_switch_;
  std::vector<unsigned> ready_ SAFEMAP_GUARDED_BY(state_);
  unsigned enrolled_ SAFEMAP_GUARDED_BY(state_) = 0;
  unsigned running_ SAFEMAP_GUARDED_BY(state_) = no_thread;
  // Granted the turn while asleep; woken as the guard opens.
  unsigned wake_pending_ SAFEMAP_GUARDED_BY(state_) = no_thread;
  std::uint64_t steps_ SAFEMAP_GUARDED_BY(state_) = 0;
  std::uint64_t switches_ SAFEMAP_GUARDED_BY(state_) = 0;
  unsigned escapes_ SAFEMAP_GUARDED_BY(state_) = 0;
  std::uint64_t trace_hash_ SAFEMAP_GUARDED_BY(state_) = 0xcbf29ce484222325ULL;
  // The quiet period: since when the running thread has made no scheduling point (escape_if_stuck).
  std::uint64_t quiet_step_ SAFEMAP_GUARDED_BY(state_) = 0;
  unsigned quiet_running_ SAFEMAP_GUARDED_BY(state_) = no_thread;
  std::chrono::steady_clock::time_point quiet_since_ SAFEMAP_GUARDED_BY(state_);
  std::chrono::nanoseconds quiet_cpu_time_ SAFEMAP_GUARDED_BY(state_){};
  // Since when, and since which step, the running thread has been the only ready one at its
  // points: a lone thread that makes points (a spin on an atomic, where atomics are points)
  // makes no progress either (check_progress).
  std::optional<std::chrono::steady_clock::time_point> alone_since_ SAFEMAP_GUARDED_BY(state_);
  std::uint64_t alone_from_step_ SAFEMAP_GUARDED_BY(state_) = 0;
};

// A scheduling point of the calling thread; nothing when no scheduler controls it.
inline void point() {
  if (scheduler* owner = current_scheduler) owner->point();
}

// Waits for `ready()` the scheduler's way on a controlled thread and returns true; returns
// false at once on any other thread, which then waits its own way.
template <class Ready>
bool wait_until(const Ready& ready) {
  scheduler* owner = current_scheduler;
  if (owner == nullptr) return false;
  owner->wait_until(ready);
  return true;
}

}  // namespace safemap::stress::schedule
