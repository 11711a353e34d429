// Two sharded_maps whose callbacks write to each other, once in each order: a potential
// deadlock (a thread in a.update waiting for b while another, in b.update, waits for a) that
// TSan's deadlock detector must report even though these two threads never overlap.
// Guards what the library must keep: its shard locks are taken with lock(), never by a
// try_lock that succeeds (TSan records no lock order for those; see detail/spinning_mutex.hpp).
// Fails (no report) if the shards' write lock spins with try_lock in TSan builds.
#include <cstdint>
#include <thread>

#include <safemap/sharded_map.hpp>

int main() {
  using map = safemap::sharded_map<std::uint64_t, std::uint64_t>;
  map first{1};
  map second{1};
  first.insert(1, 1);
  second.insert(1, 1);
  std::thread{[&] {
    first.update(1, [&](std::uint64_t& value) { second.insert_or_assign(2, value); });
  }}.join();
  std::thread{[&] {
    second.update(1, [&](std::uint64_t& value) { first.insert_or_assign(2, value); });
  }}.join();
}
