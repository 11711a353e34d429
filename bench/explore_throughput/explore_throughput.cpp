// explore_throughput: schedules per second of a two-thread program of about ten synchronization
// operations (two_thread_bodies.hpp), explored in-process (explore(), explore/explore.hpp) and
// one process per schedule (safemap-explore over explore_throughput_program), printed against
// issue #30's targets with where a schedule's time goes (docs/benchmarks.md). Figures only:
// nothing about speed is asserted. It exits 1 when a row failed or, run without a filter, did
// not run (the smoke test, bench.explore_throughput_smoke).
//
// Rows (items/s = schedules/s; each in-process iteration explores `in_process_chunk`
// schedules, each process iteration runs safemap-explore over `process_chunk`):
//   threads/uncontrolled   the threads a schedule starts (explore()'s own and the body's two),
//                          started and joined without a scheduler
//   in_process/<body>      explore() of each body
//   spawn/true             starting `true` and waiting for it
//   spawn/program          explore_throughput_program (body `empty`) run directly, no schedule
//   per_process/<body>     safemap-explore over explore_throughput_program <body>
#include <sys/resource.h>
#include <unistd.h>

#include <benchmark/benchmark.h>

#include <array>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

#include "command_line/run_to_file.hpp"
#include "stress/exit_code.hpp"
#include "stress/explore/explore.hpp"
#include "stress/schedule/scheduler.hpp"
#include "two_thread_bodies.hpp"

extern char** environ;

namespace {

namespace throughput = safemap::bench::explore_throughput;
namespace explore = safemap::stress::explore;
using throughput::body_kind;

// Issue #30's targets on the 2-core VM, schedules per second.
constexpr double in_process_target = 2000;
constexpr double per_process_target = 100;

constexpr std::uint64_t in_process_chunk = 50;
constexpr std::uint64_t process_chunk = 20;
constexpr const char* explore_tool = SAFEMAP_EXPLORE_TOOL;
constexpr const char* program = SAFEMAP_THROUGHPUT_PROGRAM;

// The bodies each kind of row runs.
constexpr std::array in_process_bodies{body_kind::empty, body_kind::threads_only, body_kind::mutex,
                                       body_kind::handoff};
constexpr std::array per_process_bodies{body_kind::empty, body_kind::mutex, body_kind::handoff};
// The bodies held against the targets.
constexpr std::array measured_bodies{body_kind::mutex, body_kind::handoff};

std::string row_name(std::string_view kind, body_kind body) {
  return std::string{kind} + "/" + std::string{throughput::name_of(body)};
}

std::string load_average() {
  std::ifstream in{"/proc/loadavg"};
  std::string one;
  std::string five;
  std::string fifteen;
  in >> one >> five >> fifteen;
  return one + " " + five + " " + fifteen;
}

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in{path};
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// Runs `words` (looked up in PATH) with this process's environment, its standard output and
// error into `output`, and returns waitpid's status, or nothing when it could not start.
std::optional<int> spawn_and_wait(std::vector<std::string> words,
                                  const std::filesystem::path& output) {
  const auto finished = safemap::command_line::run_to_file(std::move(words), environ, output);
  if (finished.spawn_error != 0) return std::nullopt;
  return finished.status;
}

// CPU seconds (user and system) this process and the children it has waited for have used:
// what a schedule costs whatever else the machine runs, where wall-clock time also counts the
// waits for a core.
double cpu_seconds() {
  double seconds = 0;
  for (const int who : {RUSAGE_SELF, RUSAGE_CHILDREN}) {
    rusage usage{};
    ::getrusage(who, &usage);
    for (const auto& time : {usage.ru_utime, usage.ru_stime}) {
      seconds += static_cast<double>(time.tv_sec) + static_cast<double>(time.tv_usec) * 1e-6;
    }
  }
  return seconds;
}

// Reports `schedules` as the row's items, with the CPU microseconds they took since
// `cpu_before` (cpu_seconds()).
void count_schedules(benchmark::State& state, std::uint64_t schedules, double cpu_before) {
  state.SetItemsProcessed(static_cast<std::int64_t>(schedules));
  state.counters["cpu_us"] =
      schedules == 0 ? 0 : (cpu_seconds() - cpu_before) * 1e6 / static_cast<double>(schedules);
}

std::filesystem::path scratch_file() {
  return std::filesystem::temp_directory_path() /
         ("explore_throughput-" + std::to_string(::getpid()) + ".out");
}

void threads_uncontrolled(benchmark::State& state) {
  const double cpu_before = cpu_seconds();
  for (auto _ : state) {
    std::thread outer{[] { throughput::run_body(body_kind::threads_only); }};
    outer.join();
  }
  count_schedules(state, state.iterations(), cpu_before);
}

void in_process(benchmark::State& state, body_kind body) {
  explore::exploration_settings settings{.schedules = in_process_chunk, .budget_s = 3600};
  settings.replay_command = "explore_throughput";
  std::uint64_t schedules = 0;
  std::uint64_t points = 0;
  unsigned escapes = 0;
  const double cpu_before = cpu_seconds();
  for (auto _ : state) {
    const auto result = explore::explore(
        settings,
        [&] {
          throughput::run_body(body);
          points += safemap::stress::schedule::current_scheduler->steps();
        },
        [] { return false; });
    schedules += result.schedules;
    escapes += result.escapes;
    settings.seed += in_process_chunk;  // the next chunk explores further schedules
  }
  count_schedules(state, schedules, cpu_before);
  state.counters["points"] = static_cast<double>(points) / static_cast<double>(schedules);
  state.counters["escapes"] = escapes;
}

void spawn(benchmark::State& state, const std::vector<std::string>& words) {
  const auto output = scratch_file();
  const double cpu_before = cpu_seconds();
  for (auto _ : state) {
    const auto status = spawn_and_wait(words, output);
    if (!status || *status != 0) {
      state.SkipWithError(("cannot run " + words.front() + ": " + read_file(output)).c_str());
      break;
    }
  }
  count_schedules(state, state.iterations(), cpu_before);
  std::filesystem::remove(output);
}

void per_process(benchmark::State& state, body_kind body) {
  const auto output = scratch_file();
  // safemap-explore's closing line: "safemap-explore: N schedules (...), no failure; E escapes".
  const std::regex closing{R"(safemap-explore: (\d+) schedules \(.*; (\d+) escapes)"};
  std::uint64_t schedules = 0;
  std::uint64_t escapes = 0;
  std::uint64_t seed = 1;
  const double cpu_before = cpu_seconds();
  for (auto _ : state) {
    const auto status = spawn_and_wait(
        {explore_tool, "--seed", std::to_string(seed), "--schedules", std::to_string(process_chunk),
         "--budget", "3600", "--", program, std::string{throughput::name_of(body)}},
        output);
    seed += process_chunk;
    const std::string said = read_file(output);
    std::smatch closed;
    if (!status || *status != 0 || !std::regex_search(said, closed, closing)) {
      state.SkipWithError(("safemap-explore failed: " + said).c_str());
      break;
    }
    schedules += std::stoull(closed[1].str());
    escapes += std::stoull(closed[2].str());
  }
  count_schedules(state, schedules, cpu_before);
  std::filesystem::remove(output);
  state.counters["escapes"] = static_cast<double>(escapes);
}

void register_rows() {
  benchmark::RegisterBenchmark("threads/uncontrolled", threads_uncontrolled)->UseRealTime();
  for (const auto body : in_process_bodies) {
    benchmark::RegisterBenchmark(row_name("in_process", body).c_str(), in_process, body)
        ->UseRealTime();
  }
  benchmark::RegisterBenchmark("spawn/true", spawn, std::vector<std::string>{"true"})
      ->UseRealTime();
  benchmark::RegisterBenchmark(
      "spawn/program", spawn,
      std::vector<std::string>{program, std::string{throughput::name_of(body_kind::empty)}})
      ->UseRealTime();
  for (const auto body : per_process_bodies) {
    benchmark::RegisterBenchmark(row_name("per_process", body).c_str(), per_process, body)
        ->UseRealTime();
  }
}

// What one row measured, per schedule.
struct row_figures {
  double per_second = 0;  // wall clock
  double cpu_us = 0;      // CPU of this process and its children
  double points = 0;      // scheduling points (in-process rows)

  double wall_us() const { return per_second > 0 ? 1e6 / per_second : 0; }
};

// Every row's figures (the median of repetitions, when there are any), and the rows that failed.
class figures_reporter : public benchmark::ConsoleReporter {
 public:
  void ReportRuns(const std::vector<Run>& runs) override {
    ConsoleReporter::ReportRuns(runs);
    for (const auto& run : runs) {
      const std::string& name = run.run_name.function_name;
      if (run.error_occurred) {
        failed_.push_back(name);
        continue;
      }
      const bool median = run.run_type == Run::RT_Aggregate && run.aggregate_name == "median";
      if (run.run_type == Run::RT_Aggregate && !median) continue;
      if (!median && from_median_.contains(name)) continue;
      if (median) from_median_.insert(name);
      const auto counter = [&](const char* counter_name) {
        const auto found = run.counters.find(counter_name);
        return found == run.counters.end() ? 0.0 : found->second.value;
      };
      rows_[name] = {.per_second = counter("items_per_second"),
                     .cpu_us = counter("cpu_us"),
                     .points = counter("points")};
    }
  }

  std::optional<row_figures> row(const std::string& name) const {
    const auto found = rows_.find(name);
    if (found == rows_.end()) return std::nullopt;
    return found->second;
  }
  const std::vector<std::string>& failed() const { return failed_; }

 private:
  std::map<std::string, row_figures> rows_;
  std::set<std::string> from_median_;
  std::vector<std::string> failed_;
};

void print_target(const figures_reporter& figures, std::string_view kind, body_kind body,
                  double target) {
  const auto name = row_name(kind, body);
  const auto row = figures.row(name);
  if (!row) return;
  std::printf("  %-22s %8.0f schedules/s   target >= %4.0f   %-7s  (by CPU time: %.0f/s)\n",
              name.c_str(), row->per_second, target, row->per_second >= target ? "met" : "not met",
              row->cpu_us > 0 ? 1e6 / row->cpu_us : 0.0);
}

// One line of a breakdown: what the layer adds to the layer below, in microseconds per
// schedule, by wall clock and by CPU time.
void print_layer(std::string_view what, const std::optional<row_figures>& layer,
                 const std::optional<row_figures>& below = row_figures{}) {
  if (!layer || !below) return;
  std::printf("  %-70s %9.1f %9.1f\n", std::string{what}.c_str(),
              layer->wall_us() - below->wall_us(), layer->cpu_us - below->cpu_us);
}

void print_summary(const figures_reporter& figures, const std::string& load_before) {
  std::printf(
      "\nexplore_throughput: issue #30's targets (printed, never asserted); load average "
      "%s before, %s after (1, 5, 15 min), %u cores\n",
      load_before.c_str(), load_average().c_str(), std::thread::hardware_concurrency());
  for (const auto body : measured_bodies) {
    print_target(figures, "in_process", body, in_process_target);
  }
  for (const auto body : measured_bodies) {
    print_target(figures, "per_process", body, per_process_target);
  }
  const auto in_process_empty = figures.row(row_name("in_process", body_kind::empty));
  const auto threads_only = figures.row(row_name("in_process", body_kind::threads_only));
  const auto per_process_empty = figures.row(row_name("per_process", body_kind::empty));
  const auto spawn_program = figures.row("spawn/program");
  std::printf("%-72s %9s %9s\n", "where an in-process schedule's time goes (us per schedule)",
              "wall", "cpu");
  print_layer("threads a schedule starts (3), started and joined, no scheduler",
              figures.row("threads/uncontrolled"));
  print_layer("explore() of an empty body (scheduler, its controlled thread)", in_process_empty);
  print_layer("+ the body's two thread starts and joins, controlled", threads_only,
              in_process_empty);
  for (const auto body : measured_bodies) {
    const auto row = figures.row(row_name("in_process", body));
    if (!row || !threads_only) continue;
    const double points = row->points - threads_only->points;
    print_layer("+ the " + std::string{throughput::name_of(body)} + " body's " +
                    std::to_string(std::lround(points)) + " more scheduling points",
                row, threads_only);
    if (points > 0) {
      std::printf("  %-70s %9.2f %9.2f\n", "    a point",
                  (row->wall_us() - threads_only->wall_us()) / points,
                  (row->cpu_us - threads_only->cpu_us) / points);
    }
  }
  std::printf("%-72s %9s %9s\n", "where a process-per-schedule's time goes (us per schedule)",
              "wall", "cpu");
  print_layer("starting `true` and waiting for it", figures.row("spawn/true"));
  print_layer("+ explore_throughput_program's own start and exit, no schedule", spawn_program,
              figures.row("spawn/true"));
  print_layer("+ safemap-explore's run, the runtime's seat and summary (empty body)",
              per_process_empty, spawn_program);
  for (const auto body : measured_bodies) {
    print_layer("+ the " + std::string{throughput::name_of(body)} + " body's schedule",
                figures.row(row_name("per_process", body)), per_process_empty);
  }
}

// Without a filter every row must have run; with one, only the rows that ran count.
bool every_row_ran(const figures_reporter& figures, bool filtered) {
  bool complete = figures.failed().empty();
  for (const auto& name : figures.failed())
    std::printf("explore_throughput: %s failed\n", name.c_str());
  if (filtered) return complete;
  std::vector<std::string> rows{"threads/uncontrolled", "spawn/true", "spawn/program"};
  for (const auto body : in_process_bodies) rows.push_back(row_name("in_process", body));
  for (const auto body : per_process_bodies) rows.push_back(row_name("per_process", body));
  for (const auto& name : rows) {
    if (figures.row(name)) continue;
    std::printf("explore_throughput: row %s did not run\n", name.c_str());
    complete = false;
  }
  return complete;
}

}  // namespace

int main(int argc, char** argv) {
  bool filtered = false;
  for (int index = 1; index < argc; ++index) {
    filtered = filtered || std::string_view{argv[index]}.starts_with("--benchmark_filter");
  }
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return safemap::stress::exit_bad_usage;
  const std::string load_before = load_average();
  benchmark::AddCustomContext("load average before", load_before);
  register_rows();
  figures_reporter figures;
  benchmark::RunSpecifiedBenchmarks(&figures);
  benchmark::Shutdown();
  print_summary(figures, load_before);
  return every_row_ran(figures, filtered) ? safemap::stress::exit_ok
                                          : safemap::stress::exit_expectation_not_met;
}
