// The scheduler's hand-off primitive: a raw futex on a 32-bit word. A raw system call, not
// std::atomic::wait, so that ThreadSanitizer sees no synchronization in it (tsan_invisible.hpp).
#pragma once

#include <linux/futex.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <atomic>
#include <cstdint>
#include <ctime>

namespace safemap::stress::schedule {

// Sleeps while `word` holds `expected`, at most `timeout_ns`; wakes early on futex_wake.
inline void futex_wait(std::atomic<std::uint32_t>& word, std::uint32_t expected, long timeout_ns) {
  const timespec timeout{.tv_sec = timeout_ns / 1'000'000'000,
                         .tv_nsec = timeout_ns % 1'000'000'000};
  ::syscall(SYS_futex, reinterpret_cast<std::uint32_t*>(&word), FUTEX_WAIT_PRIVATE, expected,
            &timeout, nullptr, 0);
}

inline void futex_wake(std::atomic<std::uint32_t>& word) {
  ::syscall(SYS_futex, reinterpret_cast<std::uint32_t*>(&word), FUTEX_WAKE_PRIVATE, 1, nullptr,
            nullptr, 0);
}

}  // namespace safemap::stress::schedule
