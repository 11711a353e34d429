// The scheduler's hand-off primitive: a raw futex on a 32-bit word. A raw system call, not
// std::atomic::wait, so that ThreadSanitizer sees no synchronization in it (tsan_invisible.hpp),
// and on x86-64 not the C library's syscall() either: in a controlled executable that function
// is itself a scheduling point (blocking_hooks.cpp), which the hand-off must not be.
#pragma once

#include <linux/futex.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <atomic>
#include <cstdint>
#include <ctime>

namespace safemap::stress::schedule {

inline long raw_futex(std::atomic<std::uint32_t>& word, int operation, std::uint32_t value,
                      const timespec* timeout) {
  auto* const address = reinterpret_cast<std::uint32_t*>(&word);
#if defined(__x86_64__)
  // The kernel's calling convention: number and result in rax, arguments in rdi, rsi, rdx, r10.
  long result = SYS_futex;
  asm volatile("mov %[timeout], %%r10\n\tsyscall"
               : "+a"(result)
               : "D"(address), "S"(operation), "d"(value), [timeout] "r"(timeout)
               : "rcx", "r10", "r11", "memory");
  return result;
#else
  return ::syscall(SYS_futex, address, operation, value, timeout, nullptr, 0);
#endif
}

// Sleeps while `word` holds `expected`, at most `timeout_ns`; wakes early on futex_wake.
inline void futex_wait(std::atomic<std::uint32_t>& word, std::uint32_t expected, long timeout_ns) {
  const timespec timeout{.tv_sec = timeout_ns / 1'000'000'000,
                         .tv_nsec = timeout_ns % 1'000'000'000};
  raw_futex(word, FUTEX_WAIT_PRIVATE, expected, &timeout);
}

inline void futex_wake(std::atomic<std::uint32_t>& word) {
  raw_futex(word, FUTEX_WAKE_PRIVATE, 1, nullptr);
}

}  // namespace safemap::stress::schedule
