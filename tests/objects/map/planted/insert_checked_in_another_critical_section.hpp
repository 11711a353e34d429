// Planted bug: a map whose insert asks contains() (its own critical section) and then adds the
// key in a second one. Field bug: a helper reused for a fast "already there?" answer. Two
// inserts of one absent key both see it absent, both report that they added it, and the second
// overwrites the first's value.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <unordered_map>

#include <safemap/thread_annotations.hpp>

namespace safemap::object_examples::map {

class insert_checked_in_another_critical_section {
 public:
  std::optional<std::uint64_t> find(std::uint64_t key) const {
    const safemap::lock_guard lock{mutex_};
    const auto found = entries_.find(key);
    if (found == entries_.end()) return std::nullopt;
    return found->second;
  }
  bool contains(std::uint64_t key) const {
    const safemap::lock_guard lock{mutex_};
    return entries_.contains(key);
  }
  bool insert(std::uint64_t key, std::uint64_t value) {
    if (contains(key)) return false;  // <- BUG: the answer is stale once the lock is released
    const safemap::lock_guard lock{mutex_};  // <- BUG
    entries_[key] = value;
    return true;
  }
  bool insert_or_assign(std::uint64_t key, std::uint64_t value) {
    const safemap::lock_guard lock{mutex_};
    return entries_.insert_or_assign(key, value).second;
  }
  bool erase(std::uint64_t key) {
    const safemap::lock_guard lock{mutex_};
    return entries_.erase(key) == 1;
  }
  template <class F>
  bool update(std::uint64_t key, F mutate) {
    const safemap::lock_guard lock{mutex_};
    const auto found = entries_.find(key);
    if (found == entries_.end()) return false;
    mutate(found->second);
    return true;
  }
  std::size_t size() const {
    const safemap::lock_guard lock{mutex_};
    return entries_.size();
  }

 private:
  mutable safemap::mutex mutex_;
  std::unordered_map<std::uint64_t, std::uint64_t> entries_ SAFEMAP_GUARDED_BY(mutex_);
};

}  // namespace safemap::object_examples::map
