#include "stress/progress.hpp"

#include <sys/syscall.h>
#include <unistd.h>

namespace safemap::stress {

void progress_board::slot::record_thread_id() {
  thread_id_.store(static_cast<int>(::syscall(SYS_gettid)), std::memory_order_relaxed);
}

std::uint64_t progress_board::total() const { return slots_.front().ops() + workers_total(); }

std::uint64_t progress_board::workers_total() const {
  std::uint64_t sum = 0;
  for (auto it = slots_.begin() + 1; it != slots_.end(); ++it) sum += it->ops();
  return sum;
}

std::vector<int> progress_board::worker_thread_ids() const {
  std::vector<int> ids;
  for (auto it = slots_.begin() + 1; it != slots_.end(); ++it) {
    if (it->thread_id() != 0) ids.push_back(it->thread_id());
  }
  return ids;
}

void progress_board::set_stage(std::string stage) {
  const safemap::lock_guard lock{stage_mutex_};
  stage_ = std::move(stage);
}

std::string progress_board::stage() const {
  const safemap::lock_guard lock{stage_mutex_};
  return stage_;
}

}  // namespace safemap::stress
