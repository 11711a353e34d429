#include "stress/schedule/strategy.hpp"

#include <algorithm>
#include <numeric>

namespace safemap::stress::schedule {

namespace {
// Set before main(), by the instrumented code's start (__tsan_init), never after: no thread
// reads it before then.
constinit bool points_runtime_started = false;
constinit bool memory_accesses_instrumented = false;
}  // namespace

bool atomic_points_built() {
  return safemap::detail::thread_sanitizer_build || points_runtime_started;
}

bool memory_points_built() { return memory_accesses_instrumented; }

void note_points_runtime(bool with_memory_accesses) {
  points_runtime_started = true;
  memory_accesses_instrumented = with_memory_accesses;
}

std::string_view name_of(schedule_kind kind) {
  switch (kind) {
    case schedule_kind::free: return "free";
    case schedule_kind::random: return "random";
    case schedule_kind::pct: return "pct";
  }
  return "free";
}

std::optional<schedule_kind> schedule_named(std::string_view name) {
  for (schedule_kind kind : all_schedules) {
    if (name_of(kind) == name) return kind;
  }
  return std::nullopt;
}

std::string schedule_names() {
  std::string names;
  for (schedule_kind kind : all_schedules)
    names += (names.empty() ? "" : ", ") + std::string{name_of(kind)};
  return names;
}

chooser::chooser(const schedule_settings& settings, unsigned threads, std::uint64_t expected_steps,
                 std::uint64_t seed)
    : kind_{settings.kind},
      script_{settings.script},
      random_{seed ^ 0x5C4ED01E5ULL},
      depth_{static_cast<long>(settings.pct_depth)},
      priority_(threads) {
  if (kind_ != schedule_kind::pct) return;
  // Initial priorities depth .. depth+threads-1 in random order; change points take 1..depth-1.
  std::iota(priority_.begin(), priority_.end(), depth_);
  std::shuffle(priority_.begin(), priority_.end(), random_);
  std::uniform_int_distribution<std::uint64_t> step{1, std::max<std::uint64_t>(1, expected_steps)};
  // Change point i falls at a random step and gives priority i: which of two demoted threads
  // ranks higher is as random as where each was demoted (sorted by step only to be met in order).
  for (long change = 1; change < depth_; ++change) {
    change_points_.push_back({.step = step(random_), .priority = change});
  }
  std::ranges::sort(change_points_, {}, &change_point::step);
  lowest_ = 0;
}

unsigned chooser::choose(std::uint64_t step, unsigned running, std::span<const unsigned> ready) {
  unsigned chosen = ready.front();
  if (ready.size() > 1 && scripted_ < script_.size()) {
    chosen = ready[script_[scripted_++] % ready.size()];
  } else if (kind_ == schedule_kind::pct) {
    chosen = choose_by_priority(step, running, ready);
  } else if (ready.size() > 1) {
    chosen = ready[std::uniform_int_distribution<std::size_t>{0, ready.size() - 1}(random_)];
  }
  run_length_ = chosen == last_chosen_ ? run_length_ + 1 : 0;
  last_chosen_ = chosen;
  return chosen;
}

void chooser::add_thread() {
  if (kind_ != schedule_kind::pct) {
    priority_.push_back(0);
    return;
  }
  const auto initial = std::ranges::count_if(priority_, [this](long p) { return p >= depth_; });
  const long rank =
      depth_ + std::uniform_int_distribution<long>{0, static_cast<long>(initial)}(random_);
  for (long& priority : priority_) {
    if (priority >= rank) ++priority;
  }
  priority_.push_back(rank);
}

unsigned chooser::choose_by_priority(std::uint64_t step, unsigned running,
                                     std::span<const unsigned> ready) {
  // The paper's change point i gives priority i, below every initial one.
  while (next_change_ < change_points_.size() && change_points_[next_change_].step <= step) {
    priority_[running] = change_points_[next_change_++].priority;
  }
  if (ready.size() > 1 && running == last_chosen_ && run_length_ >= starvation_steps) {
    priority_[running] = --lowest_;
  }
  return *std::ranges::max_element(ready, {}, [&](unsigned thread) { return priority_[thread]; });
}

}  // namespace safemap::stress::schedule
