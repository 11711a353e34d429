// object/: is a history linearizable against the spec's model: is there one order of its calls,
// consistent with real time (a call that responded before another was invoked comes first), in
// which each call, run on the model, returns what it returned on the object, and never where the
// model says it would wait?
//
// Wing & Gong's search with Lowe's memoization (as linearizability/checker.hpp does for one map
// key, here for any model): depth first, placing next any call that no other unplaced call
// precedes, and remembering each (set of placed calls, model state) pair so no partial order is
// searched twice. Bounded: past `max_steps` steps or `max_memo` remembered pairs the answer is
// `undecided`, never a guess.
//
// When the answer is no, the outcome says where the search got furthest: the calls it could
// place, and for each call that could have come next what the model would have returned instead.
//
// Thread safety: pure function. Complexity: exponential in the calls that overlap at worst;
// scenarios are small (at most 64 calls), so the bound is rarely met.
#pragma once

#include <algorithm>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <string>
#include <unordered_map>
#include <vector>

#include "stress/linearizability/checker.hpp"
#include "stress/object/call.hpp"
#include "stress/object/history.hpp"
#include "stress/object/spec.hpp"

namespace safemap::stress::object {

// The map checker's verdicts and bounds (linearizability/checker.hpp), for any model.
using linearizability::check_budget;
using verdict = linearizability::check_verdict;

struct check_outcome {
  verdict result = verdict::linearizable;
  std::uint64_t steps = 0;
  // not_linearizable: the longest order the search could place, and why nothing could follow it.
  std::vector<std::string> longest_order;
  std::vector<std::string> why_nothing_follows;
};

inline constexpr std::size_t max_checked_calls = 64;

namespace detail {

template <class Spec>
class linearization_search {
 public:
  linearization_search(const std::vector<timed_call<Spec>>& calls, const check_budget& budget)
      : calls_{calls}, budget_{budget} {}

  check_outcome run() {
    check_outcome outcome;
    const std::uint64_t all =
        calls_.size() == 64 ? ~std::uint64_t{0} : (std::uint64_t{1} << calls_.size()) - 1;
    const bool found = place(0, all, make_model<Spec>());
    outcome.steps = steps_;
    if (gave_up_) {
      outcome.result = verdict::undecided;
    } else if (!found) {
      outcome.result = verdict::not_linearizable;
      for (const auto index : furthest_order_) {
        outcome.longest_order.push_back(describe_call<Spec>(*calls_[index].made) + ": " +
                                        describe_result<Spec>(*calls_[index].made));
      }
      outcome.why_nothing_follows = furthest_why_;
    }
    return outcome;
  }

 private:
  bool place(std::uint64_t placed, std::uint64_t all, const typename Spec::model& model) {
    if (placed == all) return true;
    if (++steps_ > budget_.max_steps || remembered_ > budget_.max_memo) {
      gave_up_ = true;
      return false;
    }
    auto& seen = seen_[placed];
    if (std::find(seen.begin(), seen.end(), model) != seen.end()) return false;
    seen.push_back(model);
    ++remembered_;

    std::uint64_t earliest_response = std::numeric_limits<std::uint64_t>::max();
    for (std::size_t index = 0; index < calls_.size(); ++index) {
      if ((placed >> index & 1U) == 0) {
        earliest_response = std::min(earliest_response, calls_[index].when.responded);
      }
    }
    std::vector<std::string> why;
    for (std::size_t index = 0; index < calls_.size() && !gave_up_; ++index) {
      if ((placed >> index & 1U) != 0 || calls_[index].when.invoked > earliest_response) continue;
      auto next = model;
      std::string allowed;
      const auto step = run_on_model<Spec>(*calls_[index].made, next, &allowed);
      const auto& made = *calls_[index].made;
      if (step == model_step::agrees) {
        order_.push_back(index);
        if (place(placed | std::uint64_t{1} << index, all, next)) return true;
        order_.pop_back();
      } else if (step == model_step::waits) {
        why.push_back(describe_call<Spec>(made) + " returned " + describe_result<Spec>(made) +
                      "; the model would still wait");
      } else {
        why.push_back(describe_call<Spec>(made) + " returned " + describe_result<Spec>(made) +
                      "; the model returns " + allowed);
      }
    }
    if (order_.size() >= furthest_order_.size() && !why.empty()) {
      furthest_order_ = order_;
      furthest_why_ = std::move(why);
    }
    return false;
  }

  const std::vector<timed_call<Spec>>& calls_;
  check_budget budget_;
  std::unordered_map<std::uint64_t, std::vector<typename Spec::model>> seen_;
  std::size_t remembered_ = 0;
  std::uint64_t steps_ = 0;
  bool gave_up_ = false;
  std::vector<std::size_t> order_;
  std::vector<std::size_t> furthest_order_;
  std::vector<std::string> furthest_why_;
};

}  // namespace detail

// `ran` must hold at most max_checked_calls calls.
template <class Spec>
check_outcome check_linearizable(const history<Spec>& ran, const check_budget& budget = {}) {
  auto calls = timed_calls(ran);
  std::sort(calls.begin(), calls.end(), [](const auto& left, const auto& right) {
    return left.when.invoked < right.when.invoked;
  });
  return detail::linearization_search<Spec>{calls, budget}.run();
}

}  // namespace safemap::stress::object
