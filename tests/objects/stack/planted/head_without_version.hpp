// Planted bug: a lock-free stack whose head is the top node's index alone, with no version.
// Field bug: the textbook Treiber stack over recycled nodes. A pop reads the top node and its
// value, another thread pops that node and pushes again, the pool hands the same node back, and
// the first pop's compare-exchange still sees "its" index: it succeeds and returns the value the
// node held before, so one pushed value is popped twice (ABA). Every field is atomic: no data
// race, ThreadSanitizer is silent; found where atomics are scheduling points (docs/objects.md).
// Correct twin: ../treiber_stack.hpp
// Needs: atomic scheduling points
#pragma once

#include <atomic>
#include <cstdint>
#include <optional>

#include "../node_pool.hpp"

namespace safemap::object_examples::stack {

class head_without_version {
 public:
  void push(int value) {
    const std::uint32_t index = nodes_.allocate();
    nodes_[index].value.store(value);
    std::uint32_t seen = head_.load();
    do {
      nodes_[index].next.store(seen);
    } while (!head_.compare_exchange_weak(seen, index));
  }

  std::optional<int> pop() {
    std::uint32_t seen = head_.load();
    int value = 0;
    do {
      if (seen == node_pool::none) return std::nullopt;
      value = nodes_[seen].value.load();  // <- BUG
      // BUG: the index alone cannot tell the node read above from the same node popped and
      // pushed again since.
    } while (!head_.compare_exchange_weak(seen, nodes_[seen].next.load()));  // <- BUG
    nodes_.free(seen);
    return value;
  }

 private:
  node_pool nodes_;
  std::atomic<std::uint32_t> head_{node_pool::none};
};

}  // namespace safemap::object_examples::stack
