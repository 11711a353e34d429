// bench::locked_std_adapter — what most C++ code does: std::unordered_map behind one mutex.
// With std::shared_mutex, lookups take the lock shared (std::shared_lock), writes exclusive.
#pragma once

#include <concepts>
#include <cstdint>
#include <mutex>
#include <optional>
#include <shared_mutex>
#include <unordered_map>

#include "map_adapter.hpp"

namespace safemap::bench {

template <class Mutex>
class locked_std_adapter {
  // Readers share the lock only when the mutex can be shared.
  using read_lock = std::conditional_t<std::same_as<Mutex, std::shared_mutex>,
                                       std::shared_lock<Mutex>, std::unique_lock<Mutex>>;

 public:
  static constexpr bool thread_safe = true;
  static constexpr bool writable = true;
  static constexpr bool supports_erase = true;

  std::optional<std::uint64_t> find(std::uint64_t key) const {
    read_lock lock{mutex_};
    const auto found = map_.find(key);
    if (found == map_.end()) return std::nullopt;
    return found->second;
  }
  void insert(std::uint64_t key, std::uint64_t value) {
    std::lock_guard lock{mutex_};
    map_.try_emplace(key, value);
  }
  void insert_or_assign(std::uint64_t key, std::uint64_t value) {
    std::lock_guard lock{mutex_};
    map_.insert_or_assign(key, value);
  }
  void insert_or_increment(std::uint64_t key) {
    std::lock_guard lock{mutex_};
    ++map_[key];
  }
  void erase(std::uint64_t key) {
    std::lock_guard lock{mutex_};
    map_.erase(key);
  }
  std::uint64_t value_sum() const {
    std::lock_guard lock{mutex_};
    return sum_of_values(map_);
  }

 private:
  mutable Mutex mutex_;
  std::unordered_map<std::uint64_t, std::uint64_t> map_;
};

}  // namespace safemap::bench
