// Recording a history: every operation a worker makes, with the tick of the history clock just
// before it was invoked and just after it responded, into that worker's own bounded log.
//
// The clock is one counter every thread increments with a relaxed read-modify-write: relaxed, so
// that recording adds no happens-before edge between threads (ThreadSanitizer must still see
// every race of the map under test); one counter, so that ticks are totally ordered consistently
// with real time: on x86-64 the increment is a locked instruction, a full barrier, so an
// operation whose response tick is below another's invocation tick had finished before the other
// began. Compiler-only fences keep the compiler from moving the map's own accesses across the
// ticks.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "stress/linearizability/operation.hpp"

namespace safemap::stress::linearizability {

class history_clock {
 public:
  std::uint64_t tick() {
    std::atomic_signal_fence(std::memory_order_seq_cst);
    const std::uint64_t now = next_.fetch_add(1, std::memory_order_relaxed);
    std::atomic_signal_fence(std::memory_order_seq_cst);
    return now;
  }

 private:
  alignas(64) std::atomic<std::uint64_t> next_{1};
};

// One thread's operations since the last check; written by that thread alone, read by the
// checker while the thread waits. Its capacity is fixed up front, so recording never allocates
// (except the entries a whole-map read collects).
class thread_history {
 public:
  thread_history(unsigned thread, std::size_t capacity) : thread_{thread} {
    operations_.reserve(capacity);
  }

  recorded_operation& begin(operation_kind kind, std::uint64_t key = 0) {
    auto& operation = operations_.emplace_back();
    operation.kind = kind;
    operation.thread = thread_;
    operation.key = key;
    return operation;
  }
  std::span<const recorded_operation> operations() const { return operations_; }
  void clear() { operations_.clear(); }

 private:
  unsigned thread_;
  std::vector<recorded_operation> operations_;
};

// Each key's view of the recorded operations (operation.hpp says how whole-map operations are
// seen): element k holds key k's operations, for keys 0 .. key_count-1.
std::vector<std::vector<key_operation>> project_by_key(std::span<const thread_history> histories,
                                                       std::uint64_t key_count);

}  // namespace safemap::stress::linearizability
