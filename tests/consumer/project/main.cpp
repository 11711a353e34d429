// Uses every variant through the installed headers; exits non-zero if any answer is wrong.
#include <cstdio>
#include <thread>
#include <vector>

#include <safemap/safemap.hpp>

namespace {

template <safemap::concurrent_map Map>
bool counts_correctly() {
  Map counts;
  std::vector<std::thread> threads;
  for (int thread = 0; thread < 4; ++thread) {
    threads.emplace_back([&counts] {
      for (int step = 0; step < 1000; ++step) {
        counts.upsert(step % 10, [] { return 1; }, [](int& count) { ++count; });
      }
    });
  }
  for (auto& thread : threads) thread.join();
  int total = 0;
  counts.for_each([&total](const int&, const int& count) { total += count; });
  return total == 4000 && counts.size() == 10;
}

}  // namespace

int main() {
  const safemap::frozen_map<int, int> frozen{{1, 10}};
  const bool ok = counts_correctly<safemap::mutex_map<int, int>>() &&
                  counts_correctly<safemap::shared_mutex_map<int, int>>() &&
                  counts_correctly<safemap::sharded_map<int, int>>() &&
                  counts_correctly<safemap::read_mostly_map<int, int>>() &&
                  counts_correctly<safemap::owner_thread_map<int, int>>() && frozen.find(1) == 10;
  std::puts(ok ? "consumer: every variant counted 4000" : "consumer: WRONG COUNT");
  return ok ? 0 : 1;
}
