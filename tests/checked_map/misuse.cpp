// checked_map_misuse <scenario>: real threads misusing one shared checked_map, the way Go
// programs misuse an unguarded Go map. checked_map must notice and abort with Go's message and
// a stack naming the function below that made the call; expect_misuse_report.cmake runs each
// scenario ten times and counts how often it did.
//   writes      four threads insert and erase              -> concurrent map writes
//   read-write  one thread writes, three threads find      -> concurrent map read and map write
//   iterate     one thread writes, two threads range-for   -> concurrent map iteration and map
//   write
// A run that is never noticed gives up after a few seconds and exits 0 (so it counts as missed,
// it never hangs), printing how many operations it did.
#include <safemap/checked_map.hpp>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <functional>
#include <latch>
#include <thread>
#include <vector>

namespace {

using shared_map = safemap::checked_map<int, long>;
using clock_type = std::chrono::steady_clock;

constexpr int key_range = 512;
constexpr auto give_up_after = std::chrono::seconds{5};

std::atomic<long> operations{0};

bool time_is_up(clock_type::time_point deadline) { return clock_type::now() >= deadline; }

[[gnu::noinline]] void insert_and_erase(shared_map& map, int seed,
                                        clock_type::time_point deadline) {
  for (int i = seed; !time_is_up(deadline); ++i) {
    map.insert_or_assign(i % key_range, i);
    map.erase((i + key_range / 2) % key_range);
    operations.fetch_add(2, std::memory_order_relaxed);
  }
}

[[gnu::noinline]] void find_keys(const shared_map& map, clock_type::time_point deadline) {
  long found = 0;
  for (int i = 0; !time_is_up(deadline); ++i) {
    if (map.find(i % key_range) != map.end()) ++found;
    operations.fetch_add(1, std::memory_order_relaxed);
  }
  std::printf("found %ld\n", found);
}

[[gnu::noinline]] void sum_all_values(const shared_map& map, clock_type::time_point deadline) {
  long sum = 0;
  while (!time_is_up(deadline)) {
    for (const auto& [key, value] : map) sum += key + value;
    operations.fetch_add(1, std::memory_order_relaxed);
  }
  std::printf("sum %ld\n", sum);
}

// Runs every worker on its own thread, all released at once.
void run_together(const std::vector<std::function<void()>>& workers) {
  std::latch start{static_cast<std::ptrdiff_t>(workers.size())};
  std::vector<std::jthread> threads;
  for (const auto& work : workers) {
    threads.emplace_back([&start, &work] {
      start.arrive_and_wait();
      work();
    });
  }
}

}  // namespace

int main(int argc, char** argv) {
  const char* scenario = argc == 2 ? argv[1] : "";
  shared_map map;
  for (int key = 0; key < key_range; ++key) map.insert_or_assign(key, key);
  const auto deadline = clock_type::now() + give_up_after;
  auto writer = [&map, deadline](int seed) {
    return [&map, deadline, seed] { insert_and_erase(map, seed, deadline); };
  };
  auto reader = [&map, deadline] { find_keys(map, deadline); };
  auto iterator = [&map, deadline] { sum_all_values(map, deadline); };

  if (std::strcmp(scenario, "writes") == 0) {
    run_together({writer(0), writer(100), writer(200), writer(300)});
  } else if (std::strcmp(scenario, "read-write") == 0) {
    run_together({writer(0), reader, reader, reader});
  } else if (std::strcmp(scenario, "iterate") == 0) {
    run_together({writer(0), iterator, iterator});
  } else {
    std::fprintf(stderr, "usage: %s writes|read-write|iterate\n", argv[0]);
    return 2;
  }
  std::fprintf(stderr, "checked_map_misuse: %s: no misuse noticed in %ld operations\n", scenario,
               operations.load());
  return 0;
}
