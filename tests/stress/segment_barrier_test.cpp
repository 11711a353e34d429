// segment_barrier: the step runs once per segment, alone, after every worker's segment, and its
// writes are seen by every worker's next segment.
#include <gtest/gtest.h>

#include <thread>
#include <vector>

#include "stress/schedule/segment_barrier.hpp"

namespace safemap::stress {
namespace {

void run_segments(unsigned workers, unsigned segments) {
  segment_barrier barrier{workers};
  std::vector<unsigned> done(workers, 0);  // written by each worker, read by the step
  unsigned steps = 0;                      // written by the step, read by the workers
  {
    std::vector<std::jthread> threads;
    for (unsigned index = 0; index < workers; ++index) {
      threads.emplace_back([&, index] {
        for (unsigned segment = 0; segment < segments; ++segment) {
          EXPECT_EQ(steps, segment);
          ++done[index];
          barrier.arrive_and_wait([&] {
            for (unsigned each : done) EXPECT_EQ(each, segment + 1);
            ++steps;
          });
        }
      });
    }
  }
  EXPECT_EQ(steps, segments);
}

TEST(SegmentBarrier, OrdersEverySegmentAroundItsStep) { run_segments(2, 2000); }

TEST(SegmentBarrier, WorksWithMoreWorkersThanCores) {
  run_segments(4 * std::max(1u, std::thread::hardware_concurrency()), 200);
}

}  // namespace
}  // namespace safemap::stress
