// A batch writer done right, the correct twin of worker_joined_after_scope.hpp: the worker owns a
// copy of its batch, made before the caller's scope can end.
#pragma once

#include <atomic>
#include <numeric>
#include <thread>
#include <vector>

namespace safemap::planted {

class batch_writer {
 public:
  void write(const std::vector<int>& batch) {
    workers_.emplace_back(
        [this, batch] { total_ += std::accumulate(batch.begin(), batch.end(), 0); });
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

}  // namespace safemap::planted
