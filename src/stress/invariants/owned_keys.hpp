// owned_keys: the keys one worker alone writes, and what it last left in each. Because nobody
// else writes them, the worker knows their exact state at every moment: the strongest oracle
// there is without a sanitizer. Thread t of T owns keys t, t+T, t+2T, ... below the key range.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

#include "stress/invariants/checks.hpp"

namespace safemap::stress {

class owned_keys {
 public:
  owned_keys(unsigned thread, unsigned threads, std::uint64_t key_range)
      : thread_{thread},
        threads_{threads},
        expected_(std::max<std::uint64_t>(1, key_range / threads)) {}

  std::size_t size() const { return expected_.size(); }
  std::uint64_t key(std::size_t index) const { return index * threads_ + thread_; }
  // The index of `key` when this thread owns it.
  std::optional<std::size_t> index_of(std::uint64_t key) const {
    if (key % threads_ != thread_ || key / threads_ >= expected_.size()) return std::nullopt;
    return static_cast<std::size_t>(key / threads_);
  }

  std::optional<std::uint64_t>& expected(std::size_t index) { return expected_[index]; }
  const std::optional<std::uint64_t>& expected(std::size_t index) const { return expected_[index]; }
  std::uint64_t fresh_value(std::size_t index) { return value_for(key(index), ++version_); }

  std::size_t present() const {
    return static_cast<std::size_t>(
        std::ranges::count_if(expected_, [](const auto& value) { return value.has_value(); }));
  }

 private:
  unsigned thread_;
  unsigned threads_;
  std::vector<std::optional<std::uint64_t>> expected_;
  std::uint64_t version_ = 0;
};

inline std::vector<owned_keys> owned_keys_per_thread(unsigned threads, std::uint64_t key_range) {
  std::vector<owned_keys> all;
  all.reserve(threads);
  for (unsigned thread = 0; thread < threads; ++thread)
    all.emplace_back(thread, threads, key_range);
  return all;
}

template <class Map>
void check_all_owned(const Map& map, const std::vector<owned_keys>& all, findings& found) {
  for (const auto& own : all) {
    for (std::size_t index = 0; index < own.size(); ++index) {
      check_owned(found, own.key(index), map.find(own.key(index)), own.expected(index),
                  "after the run");
    }
  }
}

inline std::size_t present_keys(const std::vector<owned_keys>& all) {
  std::size_t present = 0;
  for (const auto& own : all) present += own.present();
  return present;
}

}  // namespace safemap::stress
