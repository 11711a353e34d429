// Fault injection for the fault-safety suite: one process-wide countdown, and types whose every
// copy, hash and comparison (and, through allocation_faults.cpp, every allocation) is a fault
// point. arm(n) makes the n-th fault point reached from then on throw; what was reached before
// it ran normally. Enumerating n = 1, 2, ... until an operation completes walks every place in
// that operation where user code or the allocator can throw, in order, and reproducibly.
// Thread safety: the countdown is atomic, because owner_thread_map runs the user's code on its
// owner thread; arm and disarm from the test's thread while no operation runs.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <new>
#include <stdexcept>

namespace safemap::faults {

// Thrown by a fault point other than an allocation.
class injected_fault : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

enum class fault_kind : std::uint8_t { copy, hash, equality, allocation };

inline std::atomic<long> fault_countdown{0};  // 0: disarmed
inline std::atomic<bool> fault_fired{false};

inline void arm(long nth) {
  fault_fired = false;
  fault_countdown = nth;
}
inline void disarm() { fault_countdown = 0; }

// True when this fault point must throw now (and disarms: one fault per run).
inline bool fault_due() {
  long left = fault_countdown.load();
  while (left > 0) {
    if (fault_countdown.compare_exchange_weak(left, left - 1)) {
      if (left != 1) return false;
      fault_fired = true;
      return true;
    }
  }
  return false;
}

inline void fault_point(fault_kind kind) {
  if (!fault_due()) return;
  if (kind == fault_kind::allocation) throw std::bad_alloc{};
  throw injected_fault{kind == fault_kind::copy   ? "injected fault: copy"
                       : kind == fault_kind::hash ? "injected fault: hash"
                                                  : "injected fault: equality"};
}

// A key or value whose copies throw; moves do not (so maps that move entries while they grow
// may keep the strong guarantee, as std::unordered_map and flat_table do).
class fragile {
 public:
  fragile() = default;
  explicit fragile(std::uint64_t number) : number_{number} {}
  fragile(const fragile& other) : number_{other.number_} { fault_point(fault_kind::copy); }
  fragile& operator=(const fragile& other) {
    fault_point(fault_kind::copy);
    number_ = other.number_;
    return *this;
  }
  fragile(fragile&&) noexcept = default;
  fragile& operator=(fragile&&) noexcept = default;
  ~fragile() = default;

  std::uint64_t number() const { return number_; }
  friend bool operator==(const fragile&, const fragile&) = default;

 private:
  std::uint64_t number_ = 0;
};

struct fragile_hash {
  std::size_t operator()(const fragile& key) const {
    fault_point(fault_kind::hash);
    return std::hash<std::uint64_t>{}(key.number());
  }
};

// A hash that never throws: with it sharded_map keeps fragile entries in its flat tables.
struct steady_hash {
  std::size_t operator()(const fragile& key) const noexcept {
    return std::hash<std::uint64_t>{}(key.number());
  }
};

struct fragile_equal {
  bool operator()(const fragile& left, const fragile& right) const {
    fault_point(fault_kind::equality);
    return left == right;
  }
};

}  // namespace safemap::faults
