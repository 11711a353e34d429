// A plain program, no test framework: two producers and two consumers pass items through the
// bounded queue, and the exit code says whether every item arrived.
// safemap_add_controlled_test(... PLAIN_MAIN) explores it whole, one process per schedule.
#include <cstdio>
#include <thread>

#include "bounded_queue.hpp"

int main() {
  safemap::controlled_examples::bounded_queue<int> queue{1};
  int first_sum = 0;
  int second_sum = 0;
  auto produce = [&queue](int first, int second) {
    queue.push(first);
    queue.push(second);
  };
  std::thread first_producer{produce, 1, 2};
  std::thread second_producer{produce, 11, 12};
  std::thread first_consumer{[&queue, &first_sum] { first_sum = queue.pop() + queue.pop(); }};
  std::thread second_consumer{[&queue, &second_sum] { second_sum = queue.pop() + queue.pop(); }};
  for (std::thread* thread :
       {&first_producer, &second_producer, &first_consumer, &second_consumer}) {
    thread->join();
  }
  if (first_sum + second_sum != 1 + 2 + 11 + 12) {
    std::fprintf(stderr, "items lost: %d arrived\n", first_sum + second_sum);
    return 1;
  }
  return 0;
}
