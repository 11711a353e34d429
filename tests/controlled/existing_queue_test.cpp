// A team's existing GoogleTest for its blocking queue, as it was written: no harness code in it.
// CMakeLists.txt builds it twice, on the correct queue and on the planted lost wakeup
// (TESTED_QUEUE), and runs both under safemap-explore; the plain run of the planted one passes
// nearly always and, when the operating system happens on the bad order, hangs.
#include <gtest/gtest.h>

#include <atomic>
#include <thread>
#include <vector>

#include "bounded_queue.hpp"
#include "lost_wakeup_queue.hpp"

namespace {

template <class T>
using tested_queue = safemap::controlled_examples::TESTED_QUEUE<T>;

TEST(Queue, TwoProducersAndTwoConsumersPassEveryItem) {
  tested_queue<int> queue{1};
  std::atomic<int> sum{0};
  std::vector<std::thread> threads;
  for (int producer = 0; producer < 2; ++producer) {
    threads.emplace_back([&queue, producer] {
      for (int item = 1; item <= 2; ++item) queue.push(producer * 10 + item);
    });
  }
  for (int consumer = 0; consumer < 2; ++consumer) {
    threads.emplace_back([&queue, &sum] {
      for (int item = 0; item < 2; ++item) sum += queue.pop();
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(sum.load(), 1 + 2 + 11 + 12);
}

TEST(Queue, OneProducerAndOneConsumerKeepTheOrder) {
  tested_queue<int> queue{1};
  std::thread producer{[&queue] {
    for (int item = 1; item <= 3; ++item) queue.push(item);
  }};
  std::vector<int> popped;
  for (int item = 0; item < 3; ++item) popped.push_back(queue.pop());
  producer.join();
  EXPECT_EQ(popped, (std::vector<int>{1, 2, 3}));
}

}  // namespace
