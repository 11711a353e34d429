// The consumer's plain program: two threads count hits; the exit code says whether all arrived.
#include <thread>

#include "hit_counter.hpp"

int main() {
  consumer::hit_counter counter;
  std::thread first{[&counter] { counter.add(1); }};
  std::thread second{[&counter] { counter.add(2); }};
  first.join();
  second.join();
  return counter.total() == 3 ? 0 : 1;
}
