// A lock-free stack (Treiber's): the head is one atomic word that push and pop replace with a
// compare-exchange. The word holds the top node's index and a version that every change
// increments, so a pop that read the head before a node left the stack and came back (ABA)
// fails its compare-exchange and reads again. Contract: thread-safe, lock-free push and pop
// (the node pool takes a lock), linearizable; pop answers std::nullopt on an empty stack.
// Choose it for a shared LIFO under contention; its planted twin
// (planted/head_without_version.hpp) is found only where atomics are scheduling points.
#pragma once

#include <atomic>
#include <cstdint>
#include <optional>

#include "node_pool.hpp"

namespace safemap::object_examples::stack {

class treiber_stack {
 public:
  void push(int value) {
    const std::uint32_t index = nodes_.allocate();
    nodes_[index].value.store(value);
    std::uint64_t seen = head_.load();
    do {
      nodes_[index].next.store(index_of(seen));
    } while (!head_.compare_exchange_weak(seen, versioned(index, seen)));
  }

  std::optional<int> pop() {
    std::uint64_t seen = head_.load();
    int value = 0;
    do {
      if (index_of(seen) == node_pool::none) return std::nullopt;
      value = nodes_[index_of(seen)].value.load();
    } while (
        !head_.compare_exchange_weak(seen, versioned(nodes_[index_of(seen)].next.load(), seen)));
    nodes_.free(index_of(seen));
    return value;
  }

 private:
  static std::uint32_t index_of(std::uint64_t head) { return static_cast<std::uint32_t>(head); }
  // `index` as the new head, one version after `replaced`.
  static std::uint64_t versioned(std::uint32_t index, std::uint64_t replaced) {
    return ((replaced >> 32) + 1) << 32 | index;
  }

  node_pool nodes_;
  std::atomic<std::uint64_t> head_{node_pool::none};
};

}  // namespace safemap::object_examples::stack
