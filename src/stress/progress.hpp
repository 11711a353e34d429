// progress_board: one operation counter per worker thread, bumped by the worker alone and read
// by the monitor (watchdog and progress line). Counters never reset, so "no change" means
// "no progress" across rounds too.
#pragma once

#include <atomic>
#include <cstdint>
#include <string>
#include <vector>

#include <safemap/thread_annotations.hpp>

namespace safemap::stress {

// How progress is shown on long runs: a live line on a terminal, a line every few seconds in a
// log, or nothing; automatic picks live or periodic by whether stderr is a terminal.
enum class progress_mode { automatic, live, periodic, off };

class progress_board {
 public:
  // One worker's counter, alone on its cache line so that counting does not make the workers
  // contend on something other than the map under test.
  class alignas(64) slot {
   public:
    void advance() {
      ops_.store(ops_.load(std::memory_order_relaxed) + 1, std::memory_order_relaxed);
    }
    void record_thread_id();  // called by the worker itself; the watchdog orders stacks by it
    std::uint64_t ops() const { return ops_.load(std::memory_order_relaxed); }
    int thread_id() const { return thread_id_.load(std::memory_order_relaxed); }

   private:
    std::atomic<std::uint64_t> ops_{0};
    std::atomic<int> thread_id_{0};
  };

  explicit progress_board(unsigned workers) : slots_(workers + 1) {}

  slot& worker(unsigned index) { return slots_.at(index + 1); }
  slot& coordinator() { return slots_.front(); }  // preloading and checking between rounds

  std::uint64_t total() const;          // everything: what the watchdog watches
  std::uint64_t workers_total() const;  // the workers' operations alone
  std::vector<int> worker_thread_ids() const;

  void set_stage(std::string stage);  // what runs now, for the progress line
  std::string stage() const;

  // Marks a map's destruction, which counts no operations: the watchdog then waits for its
  // longer teardown limit instead of calling the silence a deadlock (a copy-on-write map may
  // spend seconds freeing retired tables). Its end counts as progress.
  class teardown {
   public:
    explicit teardown(progress_board& board) : board_{board} { board_.teardowns_.fetch_add(1); }
    teardown(const teardown&) = delete;
    teardown& operator=(const teardown&) = delete;
    ~teardown() {
      board_.coordinator().advance();
      board_.teardowns_.fetch_sub(1);
    }

   private:
    progress_board& board_;
  };
  bool in_teardown() const { return teardowns_.load() > 0; }

 private:
  std::atomic<int> teardowns_{0};
  std::vector<slot> slots_;
  mutable safemap::mutex stage_mutex_;
  std::string stage_ SAFEMAP_GUARDED_BY(stage_mutex_);
};

}  // namespace safemap::stress
