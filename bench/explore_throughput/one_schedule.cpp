// explore_throughput_program BODY: runs one of two_thread_bodies.hpp's bodies once and exits.
// Linked with the controlled runtime, so under safemap-explore each run is one schedule; run
// directly, the same process start without a schedule.
#include <cstdio>

#include "stress/exit_code.hpp"
#include "two_thread_bodies.hpp"

int main(int argc, char** argv) {
  namespace throughput = safemap::bench::explore_throughput;
  const auto kind = argc == 2 ? throughput::body_named(argv[1]) : std::nullopt;
  if (!kind) {
    std::fputs("usage: explore_throughput_program BODY, one of:", stderr);
    for (const auto& entry : throughput::bodies) {
      std::fprintf(stderr, " %.*s", static_cast<int>(entry.name.size()), entry.name.data());
    }
    std::fputs("\n", stderr);
    return safemap::stress::exit_bad_usage;
  }
  throughput::run_body(*kind);
  return safemap::stress::exit_ok;
}
