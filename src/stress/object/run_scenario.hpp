// object/: one run of a scenario on a fresh object: the init part on the calling thread, the
// parallel part on one new thread each (started together through a latch), the post part after
// they are joined. Every call's interval is read from one atomic clock.
//
// Where atomics (or memory accesses) are scheduling points, only the object's own are: the
// harness's clock, history, latch and threads run inside no_atomic_points, the object's code
// inside code_under_test (run_on_object), so a schedule's steps are the object's and PCT's change
// points fall inside its calls.
//
// Under controlled schedules (explore.hpp) the threads, the latch and whatever the object locks
// or waits on are scheduling points; run plainly, the threads race freely, which is what the
// sanitizer presets want to see.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <latch>
#include <thread>
#include <vector>

#include "stress/object/call.hpp"
#include "stress/object/history.hpp"
#include "stress/object/scenario.hpp"
#include "stress/schedule/no_atomic_points.hpp"

namespace safemap::stress::object {

template <class Spec>
history<Spec> run_scenario(const scenario<Spec>& planned) {
  const schedule::no_atomic_points harness;
  history<Spec> ran{.ran = planned,
                    .init = std::vector<interval>(planned.init.size()),
                    .threads = {},
                    .post = std::vector<interval>(planned.post.size())};
  for (const auto& thread : planned.threads) ran.threads.emplace_back(thread.size());
  std::atomic<std::uint64_t> clock{0};
  // A prvalue: the object need not be movable.
  typename Spec::object object = Spec::make_object();
  const auto run = [&](call<Spec>& made, interval& when) {
    when.invoked = clock.fetch_add(1);
    run_on_object<Spec>(made, object);
    when.responded = clock.fetch_add(1);
  };
  for (std::size_t index = 0; index < planned.init.size(); ++index) {
    run(ran.ran.init[index], ran.init[index]);
  }
  {
    std::latch start{static_cast<std::ptrdiff_t>(planned.threads.size())};
    std::vector<std::jthread> threads;
    for (std::size_t thread = 0; thread < planned.threads.size(); ++thread) {
      threads.emplace_back([&, thread] {
        const schedule::no_atomic_points harness_thread;
        start.arrive_and_wait();
        for (std::size_t index = 0; index < planned.threads[thread].size(); ++index) {
          run(ran.ran.threads[thread][index], ran.threads[thread][index]);
        }
      });
    }
  }
  for (std::size_t index = 0; index < planned.post.size(); ++index) {
    run(ran.ran.post[index], ran.post[index]);
  }
  return ran;
}

}  // namespace safemap::stress::object
