// bench::frozen_adapter — safemap::frozen_map, which is built once and never written: prefill
// stages the entries, finish_prefill() freezes them, and only read-only workloads run on it.
#pragma once

#include <cstdint>
#include <optional>
#include <unordered_map>

#include <safemap/frozen_map.hpp>

namespace safemap::bench {

class frozen_adapter {
 public:
  static constexpr bool thread_safe = true;
  static constexpr bool writable = false;
  static constexpr bool supports_erase = false;

  std::optional<std::uint64_t> find(std::uint64_t key) const { return map_.find(key); }
  void insert(std::uint64_t key, std::uint64_t value) { staged_.try_emplace(key, value); }
  void finish_prefill() { map_ = frozen_map<std::uint64_t, std::uint64_t>{std::move(staged_)}; }

  std::uint64_t value_sum() const {
    std::uint64_t sum = 0;
    map_.for_each([&sum](std::uint64_t, std::uint64_t value) { sum += value; });
    return sum;
  }

 private:
  std::unordered_map<std::uint64_t, std::uint64_t> staged_;
  frozen_map<std::uint64_t, std::uint64_t> map_;
};

}  // namespace safemap::bench
