// object/: a scenario, Lincheck's unit of testing: an init part run alone, a parallel part (one
// short list of calls per thread, the threads started together) and a post part run alone after
// the threads are joined. Small on purpose: a bug needs only a few operations to collide, and the
// checker and the shrinking stay cheap.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "stress/object/call.hpp"

namespace safemap::stress::object {

struct scenario_shape {
  unsigned threads = 2;
  unsigned operations_per_thread = 3;
  unsigned init = 1;  // calls before the threads start
  unsigned post = 1;  // calls after they are joined
};

// The shape a run's scenarios take: the one the run asks for, else the one the spec declares
// (`static constexpr scenario_shape shape{...}`, when its bugs need more calls than the
// defaults), else the defaults.
template <class Spec>
scenario_shape shape_for(const std::optional<scenario_shape>& asked) {
  if (asked) return *asked;
  if constexpr (requires { Spec::shape; }) {
    return Spec::shape;
  } else {
    return {};
  }
}

template <class Spec>
struct scenario {
  std::vector<call<Spec>> init;
  std::vector<std::vector<call<Spec>>> threads;
  std::vector<call<Spec>> post;

  std::size_t calls() const {
    std::size_t count = init.size() + post.size();
    for (const auto& thread : threads) count += thread.size();
    return count;
  }
};

template <class Spec>
scenario<Spec> draw_scenario(const scenario_shape& shape, random_source& random) {
  scenario<Spec> drawn;
  const auto draw_calls = [&random](unsigned count) {
    std::vector<call<Spec>> calls;
    for (unsigned index = 0; index < count; ++index) calls.push_back(draw_call<Spec>(random));
    return calls;
  };
  drawn.init = draw_calls(shape.init);
  for (unsigned thread = 0; thread < shape.threads; ++thread) {
    drawn.threads.push_back(draw_calls(shape.operations_per_thread));
  }
  drawn.post = draw_calls(shape.post);
  return drawn;
}

// Every scenario one call smaller than `larger`, post part first, then init, then the threads'
// calls (a thread left with none is dropped, as long as one thread remains).
template <class Spec>
std::vector<scenario<Spec>> one_call_smaller(const scenario<Spec>& larger) {
  std::vector<scenario<Spec>> smaller;
  const auto without = [&](auto select, std::size_t index) {
    auto candidate = larger;
    auto& calls = select(candidate);
    calls.erase(calls.begin() + static_cast<std::ptrdiff_t>(index));
    std::erase_if(candidate.threads, [](const auto& thread) { return thread.empty(); });
    if (!candidate.threads.empty()) smaller.push_back(std::move(candidate));
  };
  for (std::size_t index = 0; index < larger.post.size(); ++index) {
    without([](auto& candidate) -> auto& { return candidate.post; }, index);
  }
  for (std::size_t index = 0; index < larger.init.size(); ++index) {
    without([](auto& candidate) -> auto& { return candidate.init; }, index);
  }
  for (std::size_t thread = 0; thread < larger.threads.size(); ++thread) {
    for (std::size_t index = 0; index < larger.threads[thread].size(); ++index) {
      without([thread](auto& candidate) -> auto& { return candidate.threads[thread]; }, index);
    }
  }
  return smaller;
}

// Every scenario with one call's arguments smaller (with_smaller_arguments), in the same order.
template <class Spec>
std::vector<scenario<Spec>> one_argument_smaller(const scenario<Spec>& larger) {
  std::vector<scenario<Spec>> smaller;
  const auto each_smaller = [&](auto select) {
    for (std::size_t index = 0; index < select(larger).size(); ++index) {
      for (auto& replaced : with_smaller_arguments<Spec>(select(larger)[index])) {
        auto candidate = larger;
        select(candidate)[index] = std::move(replaced);
        smaller.push_back(std::move(candidate));
      }
    }
  };
  each_smaller([](auto& candidate) -> auto& { return candidate.post; });
  each_smaller([](auto& candidate) -> auto& { return candidate.init; });
  for (std::size_t thread = 0; thread < larger.threads.size(); ++thread) {
    each_smaller([thread](auto& candidate) -> auto& { return candidate.threads[thread]; });
  }
  return smaller;
}

// What the shrinking tries next: every scenario with a call fewer, then every one with an
// argument smaller (one_call_smaller, one_argument_smaller).
template <class Spec>
std::vector<scenario<Spec>> smaller_scenarios(const scenario<Spec>& larger) {
  auto smaller = one_call_smaller(larger);
  for (auto& candidate : one_argument_smaller(larger)) smaller.push_back(std::move(candidate));
  return smaller;
}

// The scenario as a table, each call with its result once run:
//
//   init:     push(1): done
//   thread 0          | thread 1
//   push(2): done     | pop(): 1
//   post:     pop(): 2
template <class Spec>
std::vector<std::string> scenario_table(const scenario<Spec>& shown) {
  const auto cell = [](const call<Spec>& made) {
    return describe_call<Spec>(made) + ": " + describe_result<Spec>(made);
  };
  std::vector<std::string> lines;
  for (const auto& made : shown.init) lines.push_back("init:     " + cell(made));
  std::size_t width = 0;
  std::size_t rows = 0;
  for (const auto& thread : shown.threads) {
    rows = std::max(rows, thread.size());
    for (const auto& made : thread) width = std::max(width, cell(made).size());
  }
  width = std::max<std::size_t>(width, 8);
  const auto row = [&](const auto& text_of_column) {
    std::string line;
    for (std::size_t thread = 0; thread < shown.threads.size(); ++thread) {
      std::string text = text_of_column(thread);
      if (thread + 1 < shown.threads.size()) text.resize(width, ' ');
      line += (thread == 0 ? "" : " | ") + text;
    }
    line.erase(line.find_last_not_of(' ') + 1);
    return line;
  };
  lines.push_back(row([](std::size_t thread) { return "thread " + std::to_string(thread); }));
  for (std::size_t index = 0; index < rows; ++index) {
    lines.push_back(row([&](std::size_t thread) {
      const auto& calls = shown.threads[thread];
      return index < calls.size() ? cell(calls[index]) : std::string{};
    }));
  }
  for (const auto& made : shown.post) lines.push_back("post:     " + cell(made));
  return lines;
}

}  // namespace safemap::stress::object
