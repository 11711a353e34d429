// The consumer's spec of its counter, and both counters explored: exits 0 when the correct one
// has no finding and the planted one is found, located at its add(), printing the finding.
#include <cstdint>
#include <cstdio>
#include <string>
#include <tuple>

#include "hit_counter.hpp"
#include "stress/object/explore_object.hpp"

namespace {

using safemap::stress::object::int_between;
using safemap::stress::object::no_arguments;
using safemap::stress::object::operation;

template <class Counter>
struct spec {
  static constexpr const char* name = "hit_counter";
  using object = Counter;
  struct model {
    int total = 0;
    bool operator==(const model&) const = default;
  };
  static object make_object() { return object{}; }
  static constexpr std::tuple operations{
      operation{"add", int_between{1, 2},
                [](object& counter, int hits) { return counter.add(hits); },
                [](model& counter, int hits) { return counter.total += hits; }},
      operation{"total", no_arguments{}, [](object& counter) { return counter.total(); },
                [](model& counter) { return counter.total; }}};
};

template <class Counter>
safemap::stress::object::object_result explored(const char* program, std::uint64_t schedules) {
  safemap::stress::explore::exploration_settings settings;
  settings.schedules = schedules;
  settings.budget_s = 60;
  settings.replay_command = program;
  return safemap::stress::object::explore_object<spec<Counter>>(settings);
}

}  // namespace

int main(int /*argc*/, char** argv) {
  const auto correct = explored<consumer::hit_counter>(argv[0], 2000);
  if (correct.finding) {
    std::fprintf(stderr, "the correct counter has a finding:\n%s\n",
                 correct.finding->report.c_str());
    return 1;
  }
  const auto planted = explored<consumer::hit_counter_read_then_written>(argv[0], 100000);
  if (!planted.finding) {
    std::fprintf(stderr, "the planted counter was not found in %llu schedules\n",
                 static_cast<unsigned long long>(planted.schedules));
    return 1;
  }
  // Located: each switch of the interleaving at the consumer's own code, none in the harness's.
  const std::string& report = planted.finding->report;
  if (report.find("hit_counter_read_then_written::add") == std::string::npos ||
      report.find("safemap-harness/stress/") != std::string::npos) {
    std::fprintf(stderr, "the finding is not located at the counter's add():\n%s\n",
                 report.c_str());
    return 1;
  }
  std::fprintf(stderr,
               "%s\nfound: the correct counter clean in %llu schedules, the planted one "
               "in %.2f s\n",
               planted.finding->report.c_str(), static_cast<unsigned long long>(correct.schedules),
               planted.seconds_to_finding);
  return 0;
}
