// Planted bug: a batch writer that sums each batch on a worker thread of its own and joins the
// workers in flush(), the worker holding a reference to the caller's batch. Field bug: a lambda
// that captures a local by reference (`[&]`) handed to a thread joined "later": the caller's
// batch goes out of scope before flush() joins the worker that reads it. A test passes while the
// worker runs before the caller's scope ends, which it nearly always does. Under explore(), in a
// schedule where the worker runs late, ASan reports the read as stack-use-after-scope. In the
// default build the worker sums the batch's freed block, which glibc's allocator has overwritten
// with its free-list links, and the exercise's assertion fails; TSan's allocator keeps its lists
// outside freed blocks, so the sum may come out right and a tsan build declares nothing.
// Correct twin: correct/batch_writer.hpp
// EXPECT gtest(default): failure at @CHECK
// EXPECT asan: stack-use-after-scope at @BUG
#pragma once

#include <gtest/gtest.h>

#include <atomic>
#include <numeric>
#include <thread>
#include <vector>

namespace safemap::planted {

class worker_joined_after_scope {
 public:
  void write(const std::vector<int>& batch) {
    workers_.emplace_back([this, &batch] {
      total_ += std::accumulate(batch.begin(), batch.end(), 0);  // <- BUG: the batch may be gone
    });
  }

  // Waits for every batch written so far: the sum of all of them.
  int flush() {
    for (auto& worker : workers_) worker.join();
    workers_.clear();
    return total_.load();
  }

 private:
  std::vector<std::thread> workers_;
  std::atomic<int> total_{0};
};

// A batch written from a scope that ends before the flush.
template <class Writer>
void exercise() {
  Writer writer;
  {
    const std::vector<int> batch{1, 2, 3, 4};
    writer.write(batch);
  }
  EXPECT_EQ(writer.flush(), 1 + 2 + 3 + 4);  // <- CHECK
}

}  // namespace safemap::planted
