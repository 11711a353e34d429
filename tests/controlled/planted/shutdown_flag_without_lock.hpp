// Planted bug: a background job worker whose loop reads its shutdown flag without the lock that
// stop() holds while it sets the flag. Field bug: the flag made std::atomic to quiet TSan and
// checked at the top of the loop rather than with the queue under the lock. When stop() sets it
// and signals between the worker's check and its wait, the signal is lost: the worker waits for
// ever and the destructor's join waits for the worker. No sanitizer sees it, and a test passes
// unless stop() lands in that window. Under explore() it is a deadlock naming the condition
// variable, located where the worker waits on it.
// Correct twin: correct/job_worker.hpp
// EXPECT watchdog: deadlock at @WAITS
#pragma once

#include <atomic>
#include <condition_variable>
#include <deque>
#include <functional>
#include <latch>
#include <mutex>
#include <thread>
#include <utility>

namespace safemap::planted {

class shutdown_flag_without_lock {
 public:
  shutdown_flag_without_lock() : worker_{[this] { run(); }} {}
  shutdown_flag_without_lock(const shutdown_flag_without_lock&) = delete;
  shutdown_flag_without_lock& operator=(const shutdown_flag_without_lock&) = delete;

  // Runs the jobs submitted so far, then stops the worker.
  ~shutdown_flag_without_lock() {
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
    while (!stopping_) {  // <- BUG: read without the lock the destructor sets it under
      std::unique_lock lock{mutex_};
      if (jobs_.empty()) wake_.wait(lock);  // <- WAITS
      while (!jobs_.empty()) {
        auto job = std::move(jobs_.front());
        jobs_.pop_front();
        lock.unlock();
        job();
        lock.lock();
      }
    }
  }

  std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<std::function<void()>> jobs_;  // guarded by mutex_
  std::atomic<bool> stopping_{false};       // written under mutex_
  std::thread worker_;                      // last: it starts once the members it uses exist
};

// A job run, then the worker shut down: the shutdown must return.
template <class Worker>
void exercise() {
  std::latch ran{1};
  Worker worker;
  worker.submit([&ran] { ran.count_down(); });
  ran.wait();
}

}  // namespace safemap::planted
