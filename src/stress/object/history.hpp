// object/: a scenario as it ran: each call with its result and the interval in which it ran,
// measured on one clock, so a call that responded before another was invoked really came first.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "stress/object/call.hpp"
#include "stress/object/scenario.hpp"

namespace safemap::stress::object {

struct interval {
  std::uint64_t invoked = 0;
  std::uint64_t responded = 0;
};

template <class Spec>
struct history {
  scenario<Spec> ran;  // the calls, with their results
  std::vector<interval> init;
  std::vector<std::vector<interval>> threads;
  std::vector<interval> post;
};

template <class Spec>
struct timed_call {
  const call<Spec>* made = nullptr;
  interval when;
};

// Every call of `ran` with its interval, in no particular order; points into `ran`.
template <class Spec>
std::vector<timed_call<Spec>> timed_calls(const history<Spec>& ran) {
  std::vector<timed_call<Spec>> calls;
  const auto add = [&calls](const std::vector<call<Spec>>& made,
                            const std::vector<interval>& when) {
    for (std::size_t index = 0; index < made.size(); ++index) {
      calls.push_back({&made[index], when[index]});
    }
  };
  add(ran.ran.init, ran.init);
  for (std::size_t thread = 0; thread < ran.threads.size(); ++thread) {
    add(ran.ran.threads[thread], ran.threads[thread]);
  }
  add(ran.ran.post, ran.post);
  return calls;
}

}  // namespace safemap::stress::object
