// object/: whether a scenario always completes in the model. An operation whose model may say
// `blocks` (a pop of an empty blocking queue) can leave a correct object waiting for ever in some
// scenarios (two pops, one push); run under controlled schedules that would be reported as a
// deadlock. Such scenarios are never drawn: every interleaving of the parallel part, each call
// taking effect at once when the model lets it, must reach the end with no thread left waiting,
// and the post part must then run without waiting.
#pragma once

#include <cstddef>
#include <cstdint>
#include <unordered_map>
#include <utility>
#include <vector>

#include "stress/object/call.hpp"
#include "stress/object/scenario.hpp"
#include "stress/object/spec.hpp"

namespace safemap::stress::object {

template <class Spec>
inline constexpr bool spec_may_block = []<std::size_t... Index>(std::index_sequence<Index...>) {
  return (may_block_v<operation_at<Spec, Index>, typename Spec::model> || ...);
}(std::make_index_sequence<operation_count<Spec>>{});

namespace detail {

template <class Spec>
class completion_search {
 public:
  explicit completion_search(const scenario<Spec>& planned)
      : planned_{planned}, positions_(planned.threads.size(), 0) {}

  // Whether every interleaving from `model` (after the calls before positions_) completes.
  bool completes(const typename Spec::model& model) {
    auto& seen = seen_[key()];
    for (const auto& state : seen) {
      if (state == model) return true;  // explored from here already
    }
    seen.push_back(model);
    bool moved = false;
    for (std::size_t thread = 0; thread < positions_.size(); ++thread) {
      const auto& calls = planned_.threads[thread];
      if (positions_[thread] == calls.size()) continue;
      auto next = model;
      if (run_on_model<Spec>(calls[positions_[thread]], next) == model_step::waits) continue;
      moved = true;
      ++positions_[thread];
      const bool completes_from_there = completes(next);
      --positions_[thread];
      if (!completes_from_there) return false;
    }
    if (moved) return true;
    if (!all_done()) return false;  // every thread left waits
    auto after = model;
    for (const auto& made : planned_.post) {
      if (run_on_model<Spec>(made, after) == model_step::waits) return false;
    }
    return true;
  }

 private:
  bool all_done() const {
    for (std::size_t thread = 0; thread < positions_.size(); ++thread) {
      if (positions_[thread] != planned_.threads[thread].size()) return false;
    }
    return true;
  }
  std::uint64_t key() const {  // scenarios have at most 8 threads of fewer than 256 calls
    std::uint64_t packed = 0;
    for (const auto position : positions_) packed = (packed << 8U) | position;
    return packed;
  }

  const scenario<Spec>& planned_;
  std::vector<std::size_t> positions_;
  std::unordered_map<std::uint64_t, std::vector<typename Spec::model>> seen_;
};

}  // namespace detail

template <class Spec>
bool always_completes(const scenario<Spec>& planned) {
  if constexpr (!spec_may_block<Spec>) {
    return true;
  } else {
    auto model = make_model<Spec>();
    for (const auto& made : planned.init) {
      if (run_on_model<Spec>(made, model) == model_step::waits) return false;
    }
    return detail::completion_search<Spec>{planned}.completes(model);
  }
}

}  // namespace safemap::stress::object
