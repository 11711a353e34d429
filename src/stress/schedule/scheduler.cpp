#include "stress/schedule/scheduler.hpp"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <utility>

#include <sched.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <safemap/detail/spin_pause.hpp>

#include "stress/schedule/futex.hpp"
#include "stress/schedule/no_atomic_points.hpp"
#include "stress/schedule/tsan_invisible.hpp"

namespace safemap::stress::schedule {
namespace {

thread_local unsigned seat_index = no_thread;

// How long a waiting thread sleeps before it looks whether the running one is stuck.
constexpr long check_every_ns = 2'000'000;
constexpr unsigned spin_before_sleep = 512;

// A seat's go word: the turn is not this thread's (awaited), not its and it sleeps on the word
// (awaited_asleep: whoever grants it must wake it), or it is its.
constexpr std::uint32_t turn_awaited = 0;
constexpr std::uint32_t turn_awaited_asleep = 1;
constexpr std::uint32_t turn_given = 2;

std::string address_of(const void* lock) {
  char text[32];
  std::snprintf(text, sizeof text, "%p", lock);
  return text;
}

std::string mode_name(lock_mode mode) { return mode == lock_mode::shared ? "shared" : "exclusive"; }

// The kernel's yield, never the library's: in a controlled executable sched_yield() is itself a
// scheduling point (blocking_hooks.cpp), which the scheduler must not take inside its own lock.
void yield_processor() { ::syscall(SYS_sched_yield); }

}  // namespace

// The lock's own atomics are never scheduling points, even where a caller has ended its
// tsan_invisible scope early (a seat that leaves): a point there would take this lock again.
void scheduler::spin_lock::lock() {
  const no_atomic_points own;
  // With more threads than cores the holder may be preempted: yield rather than spin on.
  for (unsigned tries = 1; busy_.exchange(true, std::memory_order_acquire); ++tries) {
    if (tries % 64 == 0) {
      yield_processor();
    } else {
      safemap::detail::spin_pause();
    }
  }
}

void scheduler::spin_lock::unlock() {
  const no_atomic_points own;
  busy_.store(false, std::memory_order_release);
}

// The scheduler's state is touched only with its spin lock held, by the thread that holds the
// turn or by a waiting one looking for a stuck turn; TSan sees none of it. The analysis checks
// the callers of lock() and unlock(), not their bodies (as for any lock's own functions).
class SAFEMAP_SCOPED_CAPABILITY scheduler::guard {
 public:
  explicit guard(scheduler& owner) SAFEMAP_ACQUIRE(owner.state_) : owner_{owner} { lock(); }
  guard(const guard&) = delete;
  guard& operator=(const guard&) = delete;
  ~guard() SAFEMAP_RELEASE() {
    if (held_) unlock();
  }

  void lock() SAFEMAP_ACQUIRE() {
    owner_.state_.lock();
    held_ = true;
  }
  // Wakes a sleeping thread that was granted the turn only after the lock is free, so that it
  // does not wake to spin on it.
  void unlock() SAFEMAP_RELEASE() {
    const unsigned wake = owner_.wake_pending_;
    owner_.wake_pending_ = no_thread;
    std::atomic<std::uint32_t>* const go = wake != no_thread ? &owner_.seats_[wake].go : nullptr;
    owner_.state_.unlock();
    held_ = false;
    if (go != nullptr) futex_wake(*go);
  }
  void end_invisibility() { invisible_.end(); }

 private:
  tsan_invisible invisible_;
  scheduler& owner_;
  bool held_ = false;
};

scheduler::scheduler(const schedule_settings& settings, unsigned threads,
                     std::uint64_t expected_steps, std::uint64_t seed, deadlock_handler on_deadlock)
    : settings_{settings},
      seats_(threads),
      initial_seats_{threads},
      locks_{threads},
      chooser_{settings, threads, expected_steps, seed},
      on_deadlock_{std::move(on_deadlock)},
      quiet_since_{std::chrono::steady_clock::now()} {
  ready_.reserve(threads);
}

scheduler::seat::seat(scheduler* owner, unsigned index) : owner_{owner} {
  if (owner_ != nullptr) owner_->enrol(index);
}

scheduler::seat::~seat() {
  if (owner_ != nullptr) owner_->leave();
}

unsigned scheduler::self_index() { return seat_index; }

void scheduler::enrol(unsigned index) {
  seat_index = index;
  current_scheduler = this;
  guard held{*this};
  seats_[index].state = seat_state::runnable;
  seats_[index].activity = thread_activity::of_this_thread();
  // A thread started during the schedule waits for its turn like any other.
  if (++enrolled_ < initial_seats_ || index >= initial_seats_) {
    wait_for_turn(held, seats_[index].go, index);
    return;
  }
  // Everyone is here: the strategy picks the first to run, whatever order they arrived in.
  restart_quiet(std::chrono::steady_clock::now());
  hand_on(held, index);
}

void scheduler::leave() {
  const unsigned self = self_index();
  {
    guard held{*this};
    // An escaped thread leaves the turn to whoever has it, unless nobody has.
    const bool hands_on =
        running_ == no_thread || (running_ == self && seats_[self].state != seat_state::escaped);
    seats_[self].state = seat_state::finished;
    if (hands_on) hand_on(held, self);
  }
  current_scheduler = nullptr;
  seat_index = no_thread;
}

void scheduler::observe_switches(switch_observer observer) { on_switch_ = std::move(observer); }

void scheduler::point() {
  const unsigned self = self_index();
  guard held{*this};
  rejoin_if_escaped(held, self);
  ++steps_;
  hand_on(held, self);
}

scheduler::lock_wait scheduler::wait_to_lock(const void* lock, lock_mode mode, bool may_time_out) {
  const unsigned self = self_index();
  guard held{*this};
  rejoin_if_escaped(held, self);
  for (;;) {
    if (locks_.held_against_itself(lock, mode, self)) return lock_wait::takes_it_again;
    if (lock_available(lock, mode)) return lock_wait::free;
    auto& record = seats_[self];
    record.state = seat_state::waiting_for_lock;
    record.lock = lock;
    record.mode = mode;
    record.may_time_out = may_time_out;
    hand_on(held, self);
    record.may_time_out = false;
    if (may_time_out && !lock_available(lock, mode)) return lock_wait::timed_out;
  }
}

void scheduler::acquired(const void* lock, lock_mode mode) {
  guard held{*this};
  locks_.acquired(lock, mode, self_index());
}

void scheduler::released(const void* lock) {
  guard held{*this};
  locks_.released(lock, self_index());
}

void scheduler::self_deadlock(const void* lock, lock_mode mode) {
  const unsigned self = self_index();
  guard held{*this};
  report_deadlock(held, {"worker " + std::to_string(self) + " waits for lock " + address_of(lock) +
                         " (" + mode_name(mode) +
                         "), which it holds itself: a thread that takes a lock it already "
                         "holds waits for itself forever"});
}

bool scheduler::wait_for_condition(condition ready, const void* context, wait_description waited,
                                   bool may_time_out) {
  const unsigned self = self_index();
  guard held{*this};
  rejoin_if_escaped(held, self);
  while (!ready(context)) {
    auto& record = seats_[self];
    record.state = seat_state::waiting_for_condition;
    record.ready = ready;
    record.ready_context = context;
    record.waited = waited;
    record.may_time_out = may_time_out;
    hand_on(held, self);
    record.may_time_out = false;
    if (may_time_out) return ready(context);
  }
  return true;
}

unsigned scheduler::start_thread() {
  guard held{*this};
  rejoin_if_escaped(held, self_index());
  seats_.emplace_back().state = seat_state::starting;
  locks_.add_thread();
  chooser_.add_thread();
  return static_cast<unsigned>(seats_.size() - 1);
}

void scheduler::started(unsigned index, std::uint64_t id) {
  // The new thread takes its seat on its own; until it has, no turn may go out, or the schedule
  // would depend on how fast the operating system starts it.
  for (;;) {
    {
      guard held{*this};
      if (seats_[index].state != seat_state::starting) {
        started_threads_[id] = index;
        break;
      }
    }
    yield_processor();
  }
  point();
}

void scheduler::not_started(unsigned index) {
  guard held{*this};
  seats_[index].state = seat_state::finished;
}

std::optional<unsigned> scheduler::seat_of_thread(std::uint64_t id) {
  guard held{*this};
  const auto found = started_threads_.find(id);
  if (found == started_threads_.end()) return std::nullopt;
  return found->second;
}

void scheduler::join(unsigned index) {
  const unsigned self = self_index();
  guard held{*this};
  rejoin_if_escaped(held, self);
  ++steps_;
  auto& record = seats_[self];
  record.state = seat_state::waiting_for_thread;
  record.joined = index;
  hand_on(held, self);
  record.joined = no_thread;
}

bool scheduler::wait_for_signal(const void* condition_variable, const void* lock,
                                bool may_time_out) {
  const unsigned self = self_index();
  guard held{*this};
  rejoin_if_escaped(held, self);
  ++steps_;
  locks_.released(lock, self);
  auto& record = seats_[self];
  record.state = seat_state::waiting_for_signal;
  record.condition_variable = condition_variable;
  record.wait_ticket = ++wait_tickets_;
  record.signalled = false;
  record.may_time_out = may_time_out;
  hand_on(held, self);
  record.condition_variable = nullptr;
  return record.signalled;
}

void scheduler::signal(const void* condition_variable, bool all) {
  const unsigned self = self_index();
  {
    guard held{*this};
    rejoin_if_escaped(held, self);
    auto& signallers = signallers_[condition_variable];
    if (std::ranges::find(signallers, self) == signallers.end()) signallers.push_back(self);
    seat_record* longest = nullptr;
    for (auto& record : seats_) {
      if (record.state != seat_state::waiting_for_signal ||
          record.condition_variable != condition_variable || record.signalled) {
        continue;
      }
      if (all) {
        record.signalled = true;
      } else if (longest == nullptr || record.wait_ticket < longest->wait_ticket) {
        longest = &record;
      }
    }
    if (longest != nullptr) longest->signalled = true;
  }
  point();
}

void scheduler::wait_until_all_finished() {
  for (;;) {
    {
      guard held{*this};
      if (std::ranges::all_of(seats_, [](const seat_record& record) {
            return record.state == seat_state::finished;
          })) {
        return;
      }
    }
    yield_processor();
  }
}

bool scheduler::is_ready(unsigned index) const {
  const auto& record = seats_[index];
  switch (record.state) {
    case seat_state::runnable: return true;
    case seat_state::waiting_for_lock:
      return record.may_time_out || lock_available(record.lock, record.mode);
    case seat_state::waiting_for_condition:
      return record.may_time_out || record.ready(record.ready_context);
    case seat_state::waiting_for_signal: return record.signalled || record.may_time_out;
    case seat_state::waiting_for_thread: return seats_[record.joined].state == seat_state::finished;
    case seat_state::absent:
    case seat_state::starting:
    case seat_state::escaped:
    case seat_state::finished: return false;
  }
  return false;
}

// An escaped thread's holds do not count: the real lock waits for it, outside the schedule.
bool scheduler::lock_available(const void* lock, lock_mode mode) const {
  // The analysis takes the lambda for a function of its own, which holds nothing: it reaches
  // the records through a pointer taken here, under the lock it runs under.
  const std::deque<seat_record>* const seats = &seats_;
  return locks_.available(lock, mode, [seats](unsigned holder) {
    return (*seats)[holder].state == seat_state::escaped;
  });
}

const std::vector<unsigned>& scheduler::ready_threads() {
  ready_.clear();
  for (unsigned index = 0; index < seats_.size(); ++index) {
    if (is_ready(index)) ready_.push_back(index);
  }
  // A spurious wakeup is never the only way on: a wait nobody will signal is still a deadlock
  // (a lost wakeup), not a loop of waits woken for nothing.
  if (settings_.spurious_wakeups && !ready_.empty()) {
    for (unsigned index = 0; index < seats_.size(); ++index) {
      if (may_wake_spuriously(index)) ready_.push_back(index);
    }
    std::ranges::sort(ready_);
  }
  return ready_;
}

bool scheduler::may_wake_spuriously(unsigned index) const {
  const auto& record = seats_[index];
  return record.state == seat_state::waiting_for_signal && !record.signalled &&
         !record.may_time_out;
}

void scheduler::rejoin_if_escaped(guard& held, unsigned self) {
  if (seats_[self].state != seat_state::escaped) return;
  seats_[self].state = seat_state::runnable;
  if (running_ == no_thread) {
    running_ = self;
    return;
  }
  wait_for_turn(held, seats_[self].go, self);
}

void scheduler::hand_on(guard& held, unsigned self) {
  const auto& ready = ready_threads();
  if (ready.empty()) {
    running_ = no_thread;
    // An escaped thread may still release what the others wait for, and a starting one may
    // still take its seat; only without either is waiting forever certain.
    const bool someone_escaped = std::ranges::any_of(seats_, [](const seat_record& record) {
      return record.state == seat_state::escaped || record.state == seat_state::starting;
    });
    const bool all_finished = std::ranges::all_of(
        seats_, [](const seat_record& record) { return record.state == seat_state::finished; });
    if (all_finished) return;
    if (!someone_escaped) {
      report_deadlock(held, {"no worker can run: each waits for a lock another holds, a "
                             "condition variable nobody will signal, a thread, or the harness"});
    }
  } else {
    note_whether_alone(ready, self);
    const unsigned next = chooser_.choose(steps_, self, ready);
    trace_hash_ = (trace_hash_ ^ ((steps_ << 8) | next)) * 0x100000001b3ULL;
    if (next == self) {
      running_ = self;
      seats_[self].state = seat_state::runnable;
      return;
    }
    // A switch takes the turn from the thread that had it. The first turn, handed out by
    // whichever thread happened to arrive last, takes it from nobody: counting it would make a
    // replay's count depend on the order the operating system started the threads in.
    if (running_ == self) {
      ++switches_;
      if (on_switch_) on_switch_(self, next);
    }
    running_ = next;
    grant(next);
  }
  if (seats_[self].state == seat_state::finished) return;
  wait_for_turn(held, seats_[self].go, self);
}

void scheduler::grant(unsigned index) {
  auto& record = seats_[index];
  record.state = seat_state::runnable;
  if (record.go.exchange(turn_given, std::memory_order_release) == turn_awaited_asleep)
    wake_pending_ = index;
}

void scheduler::wait_for_turn(guard& held, std::atomic<std::uint32_t>& go, unsigned self) {
  held.unlock();
  // A short spin first: a turn often comes back within microseconds, and a futex wake-up costs
  // tens of them on a virtual machine.
  for (unsigned spins = 0;
       spins < spin_before_sleep && go.load(std::memory_order_acquire) != turn_given; ++spins) {
    safemap::detail::spin_pause();
  }
  for (;;) {
    std::uint32_t seen = go.load(std::memory_order_acquire);
    if (seen == turn_given) break;
    if (seen == turn_awaited && !go.compare_exchange_strong(seen, turn_awaited_asleep)) continue;
    futex_wait(go, turn_awaited_asleep, check_every_ns);
    if (go.load(std::memory_order_acquire) != turn_given) escape_if_stuck(self);
  }
  go.store(turn_awaited, std::memory_order_relaxed);
  held.lock();
}

// On a waiting thread, every few milliseconds: a running thread that has made no scheduling
// point for escape_after is waiting in a way the scheduler does not see; it is left to the
// operating system and the turn goes to a ready thread. Also restarts a schedule whose running
// thread escaped earlier and whose others have become ready since.
void scheduler::escape_if_stuck(unsigned self) {
  guard held{*this};
  // The quiet period in which the kernel said that the running thread sleeps.
  std::optional<std::chrono::steady_clock::time_point> asleep_in;
  for (;;) {
    if (enrolled_ < seats_.size()) return;
    const auto now = std::chrono::steady_clock::now();
    if (quiet_period_restarted(now) || now - quiet_since_ < escape_after) return;
    // Only another ready thread is a reason to take the turn away: the running one may be busy
    // (checking a segment, printing a report) while everyone else waits for it.
    const unsigned stuck = running_;
    const auto ready = others_ready_or_no_progress(held, now);
    if (ready.empty()) return;
    if (stuck != no_thread) {
      const thread_activity activity = seats_[stuck].activity;
      const bool spins_or_starves = activity.cpu_time() - quiet_cpu_time_ >= escape_after ||
                                    now - quiet_since_ >= runnable_escape_after;
      if (!spins_or_starves && asleep_in != quiet_since_) {
        // Whether it sleeps is a read of /proc, too slow for the lock that every turn takes:
        // read without it, then all is judged again, as the quiet period may have ended.
        const auto since = quiet_since_;
        held.unlock();
        const bool asleep = activity.asleep();
        held.lock();
        if (!asleep) return;
        asleep_in = since;
        continue;
      }
      seats_[stuck].state = seat_state::escaped;
      ++escapes_;
    }
    const unsigned next = chooser_.choose(steps_, stuck == no_thread ? self : stuck, ready);
    running_ = next;
    ++switches_;
    grant(next);
    restart_quiet(now);
    return;
  }
}

void scheduler::check_progress() {
  guard held{*this};
  const auto now = std::chrono::steady_clock::now();
  if (alone_since_ && now - *alone_since_ >= settings_.no_progress_after) {
    report_no_progress(held, running_,
                       "made " + std::to_string(steps_ - alone_from_step_) +
                           " scheduling points alone (a spin on an atomic that no other thread "
                           "will change, or a loop that never ends)");
  }
  if (!quiet_period_restarted(now)) others_ready_or_no_progress(held, now);
}

void scheduler::note_whether_alone(std::span<const unsigned> ready, unsigned self) {
  if (ready.size() != 1 || ready.front() != self) {
    alone_since_.reset();
  } else if (!alone_since_) {
    alone_since_ = std::chrono::steady_clock::now();
    alone_from_step_ = steps_;
  }
}

bool scheduler::quiet_period_restarted(std::chrono::steady_clock::time_point now) {
  if (steps_ == quiet_step_ && running_ == quiet_running_) return false;
  restart_quiet(now);
  return true;
}

std::vector<unsigned> scheduler::others_ready_or_no_progress(
    guard& held, std::chrono::steady_clock::time_point now) {
  auto ready = ready_threads();
  std::erase(ready, running_);
  if (ready.empty() && now - quiet_since_ >= settings_.no_progress_after) {
    report_no_progress(held, running_,
                       "made no scheduling point (an operation that never returns, or a wait the "
                       "scheduler does not model that nobody will end)");
  }
  return ready;
}

void scheduler::report_no_progress(guard& held, unsigned stuck, const std::string& how) {
  const auto seconds =
      std::chrono::duration_cast<std::chrono::seconds>(settings_.no_progress_after).count();
  report_deadlock(
      held,
      {"no progress: for " + std::to_string(seconds) + " s no other worker could run, and " +
       (stuck == no_thread ? std::string{"an escaped worker"} : "worker " + std::to_string(stuck)) +
       " " + how});
}

void scheduler::restart_quiet(std::chrono::steady_clock::time_point now) {
  quiet_step_ = steps_;
  quiet_running_ = running_;
  quiet_since_ = now;
  quiet_cpu_time_ =
      running_ == no_thread ? std::chrono::nanoseconds{} : seats_[running_].activity.cpu_time();
}

std::string scheduler::describe_signal_wait(const seat_record& record) const {
  std::string line =
      " waits on condition variable " + address_of(record.condition_variable) + ", which ";
  const auto found = signallers_.find(record.condition_variable);
  if (found == signallers_.end()) return line + "no thread has signalled";
  line += found->second.size() == 1 ? "worker " : "workers ";
  for (std::size_t i = 0; i < found->second.size(); ++i) {
    line += (i == 0 ? "" : ", ") + std::to_string(found->second[i]);
  }
  return line + " signalled, but not since this wait began: a lost wakeup";
}

std::vector<std::string> scheduler::describe_waits() const {
  std::vector<std::string> lines;
  for (unsigned index = 0; index < seats_.size(); ++index) {
    const auto& record = seats_[index];
    std::string line = "worker " + std::to_string(index);
    switch (record.state) {
      case seat_state::waiting_for_lock:
        line += " waits for lock " + address_of(record.lock) + " (" + mode_name(record.mode) +
                "), held by " + locks_.describe_holders(record.lock);
        break;
      case seat_state::waiting_for_condition:
        line += std::string{" waits for "} + record.waited.what;
        if (record.waited.object != nullptr) line += " " + address_of(record.waited.object);
        break;
      case seat_state::waiting_for_signal: line += describe_signal_wait(record); break;
      case seat_state::waiting_for_thread:
        line += " joins worker " + std::to_string(record.joined) + ", which has not finished";
        break;
      case seat_state::finished: line += " has finished"; break;
      case seat_state::starting: line += " is starting"; break;
      case seat_state::absent:
      case seat_state::runnable:
      case seat_state::escaped: line += " is running"; break;
    }
    const auto held = locks_.held_by(index);
    if (!held.empty()) {
      line += "; it holds";
      for (const void* lock : held) line += " " + address_of(lock);
    }
    lines.push_back(std::move(line));
  }
  return lines;
}

void scheduler::report_deadlock(guard& held, std::vector<std::string> why) {
  auto waits = describe_waits();
  why.insert(why.end(), waits.begin(), waits.end());
  char schedule[160];
  std::snprintf(schedule, sizeof schedule, "schedule %s: %llu steps, %llu switches, %u escapes",
                std::string{name_of(settings_.kind)}.c_str(),
                static_cast<unsigned long long>(steps_), static_cast<unsigned long long>(switches_),
                escapes_);
  why.emplace_back(schedule);
  held.unlock();
  held.end_invisibility();      // the report runs as any code does, seen by TSan
  current_scheduler = nullptr;  // and takes locks of its own, unscheduled
  on_deadlock_(std::move(why));
  std::abort();  // the handler does not return
}

// Under the lock, which nobody holds any more once the round's threads have finished.
std::uint64_t scheduler::steps() const {
  const safemap::lock_guard held{state_};
  return steps_;
}
std::uint64_t scheduler::switches() const {
  const safemap::lock_guard held{state_};
  return switches_;
}
unsigned scheduler::escapes() const {
  const safemap::lock_guard held{state_};
  return escapes_;
}
std::uint64_t scheduler::trace_hash() const {
  const safemap::lock_guard held{state_};
  return trace_hash_;
}

}  // namespace safemap::stress::schedule
