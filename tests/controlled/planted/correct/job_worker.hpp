// A background job worker done right, the correct twin of shutdown_flag_without_lock.hpp: the
// worker reads the shutdown flag under the lock, in the predicate it waits on.
#pragma once

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <utility>

namespace safemap::planted {

class job_worker {
 public:
  job_worker() : worker_{[this] { run(); }} {}
  job_worker(const job_worker&) = delete;
  job_worker& operator=(const job_worker&) = delete;

  // Runs the jobs submitted so far, then stops the worker.
  ~job_worker() {
    {
      const std::lock_guard lock{mutex_};
      stopping_ = true;
    }
    wake_.notify_one();
    worker_.join();
  }

  void submit(std::function<void()> job) {
    {
      const std::lock_guard lock{mutex_};
      jobs_.push_back(std::move(job));
    }
    wake_.notify_one();
  }

 private:
  void run() {
    std::unique_lock lock{mutex_};
    for (;;) {
      wake_.wait(lock, [this] { return stopping_ || !jobs_.empty(); });
      if (jobs_.empty()) return;  // stopping, and every job ran
      auto job = std::move(jobs_.front());
      jobs_.pop_front();
      lock.unlock();
      job();
      lock.lock();
    }
  }

  std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<std::function<void()>> jobs_;  // guarded by mutex_
  bool stopping_ = false;                   // guarded by mutex_
  std::thread worker_;                      // last: it starts once the members it uses exist
};

}  // namespace safemap::planted
