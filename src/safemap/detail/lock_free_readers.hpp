// safemap::detail::lock_free_readers — lets a writer free memory that lock-free readers may have
// reached through a pointer it has just unpublished, while those readers still write nothing
// another core reads on their path: each announces itself with plain stores to its own thread's
// cache line, and the writer makes those stores visible with one membarrier(2) system call
// (the "membarrier" flavour of user-space RCU, as in liburcu; Linux 4.14 and later).
// optimistic_table uses it to free the arrays it outgrows.
//
// Why not read_epochs (a locked add on each reader's entry and exit): as the entry of
//   optimistic_table's lookups it cost sharded_map's read_99 39% on one thread and 24% on two
//   (10^4 keys; docs/benchmarks.md); announcing with plain stores cost no more than the noise.
// The scheme: a thread that reads owns a slot, a counter that is odd while it reads.
//   Reader: count + 1 (relaxed store), a compiler barrier, load the published pointer, use
//     what it points to, count + 1 (release store). The CPU may still let the load pass the
//     first store (x86-64's store buffer), so on its own a writer could see an even count while
//     the reader already holds the old pointer.
//   Writer, after publishing the new pointer: membarrier(MEMBARRIER_CMD_PRIVATE_EXPEDITED) runs
//     a full memory barrier on every CPU running a thread of this process, which turns each
//     reader's compiler barrier into a fence at that instant: a reader that can still load the
//     old pointer has its odd count visible once the call returns. The writer then waits until
//     every slot it saw odd has changed. Those reads are over; any read after them loads the new
//     pointer.
//   Under TSan: the reader's release store ending its read and the writer's acquire load that
//     sees it order the read before the free; TSan does not see the system call and does not
//     need it for what it checks.
// Without membarrier (another kernel, a seccomp filter that forbids it) wait_for_readers answers
//   false and callers keep what they unpublished: safe, at the old memory cost.
// Registration: a thread links its slot into a list on its first read (a mutex, once per thread)
//   and unlinks it when it exits. The writer holds that mutex while it waits, so no slot goes
//   away under it; a thread inside a read never takes it. A read made after the thread's
//   registration ended (from a thread_local destructor that runs later) counts itself in one
//   shared counter with a locked add instead, which the writer waits to see at zero.
// Contract: a read section must not wait for anything a writer may hold while it waits for
//   readers (optimistic_table leaves its section before it falls back to the table's mutex;
//   Hash and KeyEqual, which run inside, must be pure functions as the table already requires).
//   Sections nest (only the outermost one counts), and a writer does not wait for its own thread.
#pragma once

#include <atomic>
#include <cstdint>
#include <thread>

#if defined(__linux__)
#include <linux/membarrier.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif

#include <safemap/thread_annotations.hpp>

namespace safemap::detail {

class lock_free_readers {
  enum class registration_state : std::uint8_t { not_yet, registered, ended };

  struct alignas(64) reader_slot {
    std::atomic<std::uint64_t> count{0};  // odd while the thread is inside a section
    int depth = 0;                        // sections open on the thread, nested ones included
    registration_state state = registration_state::not_yet;
    reader_slot* next = nullptr;  // the registry's list, under its mutex (not annotated: the
                                  // mutex is another object's member)
  };

 public:
  // RAII read section: while it lives, pointers the thread loads from structures these readers
  // protect stay valid.
  class section {
   public:
    section() noexcept : slot_{this_thread_slot()} {
      if (slot_.state != registration_state::registered) [[unlikely]] {
        late_readers().fetch_add(1);
        return;
      }
      if (slot_.depth++ != 0) return;
      slot_.count.store(slot_.count.load(std::memory_order_relaxed) + 1, std::memory_order_relaxed);
      // Keeps the compiler from moving the section's loads above the store; the writer's
      // membarrier makes it a fence for the CPU.
      std::atomic_signal_fence(std::memory_order_seq_cst);
    }
    ~section() {
      // The state cannot change inside a section: a registration ends only at thread exit.
      if (slot_.state != registration_state::registered) [[unlikely]] {
        late_readers().fetch_sub(1, std::memory_order_release);
        return;
      }
      if (--slot_.depth != 0) return;
      slot_.count.store(slot_.count.load(std::memory_order_relaxed) + 1, std::memory_order_release);
    }
    section(const section&) = delete;
    section& operator=(const section&) = delete;

   private:
    reader_slot& slot_;
  };

  // Whether wait_for_readers can answer true here (membarrier(2) is available).
  static bool can_wait_for_readers() noexcept { return expedited_membarrier_registered(); }

  // Call after unpublishing a pointer (writers of one structure serialised by their caller):
  // true once no section that may have loaded it is still open, false when this system cannot
  // tell (then keep what was unpublished).
  static bool wait_for_readers() noexcept {
    if (!expedited_membarrier_registered()) return false;
    registry& all = the_registry();
    const safemap::lock_guard lock{all.mutex};
    if (!expedited_membarrier()) return false;
    const reader_slot* const own = &own_slot();
    for (reader_slot* each = all.first; each != nullptr; each = each->next) {
      if (each == own) continue;
      const std::uint64_t count = each->count.load(std::memory_order_acquire);
      if (count % 2 == 0) continue;
      while (each->count.load(std::memory_order_acquire) == count) std::this_thread::yield();
    }
    while (late_readers().load(std::memory_order_acquire) != 0) std::this_thread::yield();
    return true;
  }

 private:
  struct registry {
    safemap::mutex mutex;
    reader_slot* first SAFEMAP_GUARDED_BY(mutex) = nullptr;
  };

  // Unlinks the thread's slot when the thread exits.
  class registration {
   public:
    explicit registration(reader_slot& slot) noexcept : slot_{slot} {
      registry& all = the_registry();
      const safemap::lock_guard lock{all.mutex};
      slot_.next = all.first;
      all.first = &slot_;
      slot_.state = registration_state::registered;
    }
    ~registration() {
      registry& all = the_registry();
      const safemap::lock_guard lock{all.mutex};
      reader_slot** link = &all.first;
      while (*link != &slot_) link = &(*link)->next;
      *link = slot_.next;
      slot_.state = registration_state::ended;
    }
    registration(const registration&) = delete;
    registration& operator=(const registration&) = delete;

   private:
    reader_slot& slot_;
  };

  // Reads on threads whose registration has ended: counted with a locked add (which orders it
  // before the read as the membarrier would), on that rare path only.
  static std::atomic<std::int64_t>& late_readers() noexcept {
    static std::atomic<std::int64_t> count{0};
    return count;
  }

  static registry& the_registry() noexcept {
    static registry instance;
    return instance;
  }

  // Constant-initialised and trivially destructible: reaching it on the read path costs no
  // guard; the registration beside it is built once per thread.
  static reader_slot& own_slot() noexcept {
    thread_local reader_slot slot;
    return slot;
  }

  static reader_slot& this_thread_slot() noexcept {
    reader_slot& slot = own_slot();
    if (slot.state == registration_state::not_yet) [[unlikely]] {
      thread_local const registration unlinks_at_exit{slot};
    }
    return slot;
  }

  static bool expedited_membarrier_registered() noexcept {
#if defined(__linux__)
    static const bool registered =
        syscall(SYS_membarrier, MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED, 0, 0) == 0;
    return registered;
#else
    return false;
#endif
  }

  static bool expedited_membarrier() noexcept {
#if defined(__linux__)
    return syscall(SYS_membarrier, MEMBARRIER_CMD_PRIVATE_EXPEDITED, 0, 0) == 0;
#else
    return false;
#endif
  }
};

}  // namespace safemap::detail
