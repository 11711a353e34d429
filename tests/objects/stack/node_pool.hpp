// The nodes of a lock-free stack, recycled as production free lists do: a popped node goes back
// to the pool and the next push takes the node freed last. Recycling is what lets a node leave
// the stack and come back while a pop still holds it (ABA). Contract: allocate() and free() are
// thread-safe (one mutex) and O(1); a node's fields are atomics, because a pop may read a node
// that another thread has meanwhile freed and filled again. Sized for any scenario's pushes:
// allocate() throws std::length_error beyond `capacity` nodes in use.
#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <stdexcept>
#include <vector>

#include <safemap/thread_annotations.hpp>

namespace safemap::object_examples::stack {

class node_pool {
 public:
  static constexpr std::uint32_t capacity = 64;
  static constexpr std::uint32_t none = UINT32_MAX;

  struct node {
    std::atomic<int> value{0};
    std::atomic<std::uint32_t> next{none};
  };

  node_pool() {
    for (std::uint32_t index = capacity; index-- > 0;) free_.push_back(index);
  }

  node& operator[](std::uint32_t index) { return nodes_[index]; }

  std::uint32_t allocate() {
    const lock_guard lock{mutex_};
    if (free_.empty()) throw std::length_error{"node_pool: more nodes in use than its capacity"};
    const std::uint32_t index = free_.back();
    free_.pop_back();
    return index;
  }

  void free(std::uint32_t index) {
    const lock_guard lock{mutex_};
    free_.push_back(index);
  }

 private:
  std::array<node, capacity> nodes_;
  mutex mutex_;
  std::vector<std::uint32_t> free_ SAFEMAP_GUARDED_BY(mutex_);
};

}  // namespace safemap::object_examples::stack
