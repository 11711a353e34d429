// Worked example: a bounded blocking queue (../../controlled/bounded_queue.hpp) under the
// linearizability oracle. A push waits while the queue is full, a pop while it is empty; the
// model is a std::deque (src/stress/object/spec.hpp says what a spec declares).
#pragma once

#include <cstddef>
#include <deque>
#include <tuple>

#include "../../controlled/bounded_queue.hpp"
#include "../spec_vocabulary.hpp"

namespace safemap::object_examples::queue {

template <class Queue>
struct spec {
  static constexpr const char* name = "bounded_queue";
  static constexpr std::size_t capacity = 2;
  using object = Queue;
  struct model {
    std::deque<int> items;
    bool operator==(const model&) const = default;
  };
  static object make_object() { return object{capacity}; }
  static constexpr std::tuple operations{
      operation{"push", int_between{1, 3}, [](object& queue, int value) { queue.push(value); },
                [](model& queue, int value) -> may_block<done> {
                  if (queue.items.size() == capacity) return blocks;
                  queue.items.push_back(value);
                  return done{};
                }},
      operation{"pop", no_arguments{}, [](object& queue) { return queue.pop(); },
                [](model& queue) -> may_block<int> {
                  if (queue.items.empty()) return blocks;
                  const int front = queue.items.front();
                  queue.items.pop_front();
                  return front;
                }}};
};

using correct = controlled_examples::bounded_queue<int>;

}  // namespace safemap::object_examples::queue
