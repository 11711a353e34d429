// safemap-explore: runs a test executable once per controlled schedule until one fails.
//
//   safemap-explore [--strategy pct|random] [--depth D] [--pct-steps K] [--seed S]
//                   [--schedules N] [--budget SECONDS] [--schedule I] -- PROGRAM [ARGUMENTS...]
//
// PROGRAM must be linked with safemap::controlled_runtime (one CMake line:
// safemap_add_controlled_test, docs/explore.md). Each run is one schedule: the runtime seats
// the program's main thread before main(), so every thread it starts and every lock, condition
// variable, join, yield and sleep is a scheduling point (src/stress/explore/whole_process.cpp).
// A run that fails (a non-zero exit, a signal, a deadlock report) stops the exploration: its
// output is shown with the command that replays that schedule alone, and its exit code is
// passed through.
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <string>
#include <system_error>
#include <vector>

#include "command_line/cli11.hpp"
#include "command_line/numeric_checks.hpp"
#include "command_line/run_to_file.hpp"
#include "stress/exit_code.hpp"
#include "stress/explore/schedule_loop.hpp"
#include "stress/explore/variables.hpp"
#include "stress/schedule/uncontrolled.hpp"

extern char** environ;

namespace {

using safemap::stress::exit_bad_usage;
using safemap::stress::exit_expectation_not_met;
using safemap::stress::exit_ok;
namespace variable = safemap::stress::explore::variable;

struct exploration {
  std::string strategy = "pct";
  unsigned depth = 3;
  std::uint64_t pct_steps = variable::default_pct_steps;  // the first schedule's k (--pct-steps)
  std::uint64_t seed = 1;
  std::uint64_t schedules = 1000;
  double budget_s = 20;
  std::optional<std::uint64_t> only_schedule;
  std::vector<std::string> program;
};

// The command line that runs schedule `index`, which took PCT's k `pct_steps`, alone.
std::string replay_command(const exploration& run, std::uint64_t index, std::uint64_t pct_steps) {
  std::string command =
      "safemap-explore --strategy " + run.strategy + " --depth " + std::to_string(run.depth) +
      (run.strategy == "pct" ? " --pct-steps " + std::to_string(pct_steps) : "") + " --seed " +
      std::to_string(run.seed) + " --schedule " + std::to_string(index) + " --";
  for (const auto& word : run.program) command += " " + word;
  return command;
}

struct schedule_run {
  std::uint64_t pct_steps = 0;            // the PCT k it took
  int status = 0;                         // waitpid's
  std::filesystem::path output;           // the run's standard output and error
  std::optional<nlohmann::json> summary;  // missing: the program does not carry the runtime
};

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in{path};
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

schedule_run run_schedule(const exploration& run, std::uint64_t index, std::uint64_t pct_steps,
                          const std::filesystem::path& scratch) {
  const auto output_path = scratch / "output";
  const auto summary_path = scratch / "summary.json";
  std::filesystem::remove(summary_path);
  std::vector<std::string> environment;
  for (char** inherited = environ; *inherited != nullptr; ++inherited) {
    if (std::string_view{*inherited}.starts_with(variable::prefix)) continue;
    environment.emplace_back(*inherited);
  }
  environment.push_back(std::string{variable::process} + "=1");
  for (auto& assignment :
       variable::replay_assignments(run.strategy, run.depth, pct_steps, run.seed, index)) {
    environment.push_back(std::move(assignment));
  }
  environment.push_back(std::string{variable::summary} + "=" + summary_path.string());
  environment.push_back(std::string{variable::replay} + "=" +
                        replay_command(run, index, pct_steps));
  std::vector<char*> envp;
  for (auto& assignment : environment) envp.push_back(assignment.data());
  envp.push_back(nullptr);
  const auto finished = safemap::command_line::run_to_file(run.program, envp.data(), output_path);
  if (finished.spawn_error != 0) {
    throw std::runtime_error{"cannot run " + run.program.front() + ": " +
                             std::generic_category().message(finished.spawn_error)};
  }
  schedule_run result{
      .pct_steps = pct_steps, .status = finished.status, .output = output_path, .summary = {}};
  if (std::filesystem::exists(summary_path)) {
    result.summary = nlohmann::json::parse(read_file(summary_path), nullptr, false);
    if (result.summary->is_discarded()) result.summary.reset();
  }
  return result;
}

int exit_code_of(int status) {
  if (WIFEXITED(status)) return WEXITSTATUS(status);
  return 128 + WTERMSIG(status);
}

std::string how_it_ended(int status) {
  if (WIFEXITED(status)) return "exit code " + std::to_string(WEXITSTATUS(status));
  const char* name = ::sigabbrev_np(WTERMSIG(status));
  return "signal " +
         (name != nullptr ? "SIG" + std::string{name} : std::to_string(WTERMSIG(status)));
}

// exit_ok when the exploration goes on after schedule `index`'s run, else the exit code it ends
// with, said on standard error. Of the runs' output, only the first's (did it run a test?) and a
// failed one's are read.
int verdict_of(const exploration& run, std::uint64_t index, bool first, const schedule_run& ran) {
  if (ran.status == 0 && !ran.summary) {
    std::cerr << "safemap-explore: " << run.program.front()
              << " ran without the controlled runtime (no schedule summary): link it with "
                 "safemap::controlled_runtime (safemap_add_controlled_test, docs/explore.md)\n";
    return exit_bad_usage;
  }
  const std::string output = first || ran.status != 0 ? read_file(ran.output) : std::string{};
  if (first && output.find("Running 0 tests") != std::string::npos) {
    std::cerr << "safemap-explore: " << run.program.front()
              << " ran no test: does its filter match any?\n";
    return exit_bad_usage;
  }
  if (ran.status != 0) {
    std::cerr << output << "safemap-explore: schedule " << index << " failed ("
              << how_it_ended(ran.status)
              << "); replay: " << replay_command(run, index, ran.pct_steps) << '\n';
    return exit_code_of(ran.status);
  }
  return exit_ok;
}

int explore(const exploration& run) {
  const auto scratch =
      std::filesystem::temp_directory_path() / ("safemap-explore-" + std::to_string(::getpid()));
  std::filesystem::create_directories(scratch);
  const auto range =
      safemap::stress::explore::schedule_range::of(run.only_schedule, run.schedules, run.budget_s);
  safemap::stress::schedule::uncontrolled_counts uncontrolled;
  bool atomic_points = true;
  int verdict = exit_ok;
  std::uint64_t pct_steps = run.pct_steps;  // each schedule's k: the steps of the one before it
  const auto explored =
      safemap::stress::explore::run_schedules(range, "safemap-explore", [&](std::uint64_t index) {
        const auto ran = run_schedule(run, index, pct_steps, scratch);
        std::uint64_t escapes = 0;
        if (ran.summary) {
          pct_steps = std::max<std::uint64_t>(1, ran.summary->value("steps", pct_steps));
          escapes = ran.summary->value("escapes", std::uint64_t{0});
          atomic_points = atomic_points && ran.summary->value("atomic_points", false);
          uncontrolled += safemap::stress::schedule::uncontrolled_counts::from_names(
              ran.summary->value("uncontrolled_calls", std::map<std::string, std::uint64_t>{}));
        }
        verdict = verdict_of(run, index, index == range.first, ran);
        return safemap::stress::explore::schedule_outcome{.stops = verdict != exit_ok,
                                                          .escapes = escapes};
      });
  std::filesystem::remove_all(scratch);
  if (verdict != exit_ok) return verdict;
  std::cerr << "safemap-explore: " << explored.schedules << " schedules (" << run.strategy
            << ", seed " << run.seed << "), no failure; " << explored.escapes << " escapes\n";
  if (explored.escapes > 0) {
    std::cerr << "safemap-explore: " << safemap::stress::explore::escapes_warning(explored.escapes)
              << '\n';
  }
  // The runs' variables are its own, which never turn atomic points off.
  if (const auto note = safemap::stress::explore::atomics_note(atomic_points, true)) {
    std::cerr << "safemap-explore: " << *note << '\n';
  }
  if (uncontrolled.total() > 0) {
    std::cerr << "safemap-explore: " << uncontrolled.message() << '\n';
    return exit_expectation_not_met;
  }
  return exit_ok;
}

int run_command_line(int argc, char** argv) {
  CLI::App app{"Run a test executable once per controlled schedule until one fails."};
  app.footer(safemap::stress::exit_codes_help(
      safemap::stress::safemap_explore,
      "A failing schedule's own exit code passes through (1 for a GoogleTest failure, 4 for a "
      "deadlock, 66 for TSan)."));
  exploration run;
  std::uint64_t only = 0;
  app.add_option("--strategy", run.strategy, "Who runs at each point")
      ->check(CLI::IsMember({"pct", "random"}))
      ->capture_default_str();
  app.add_option("--depth", run.depth, "pct's depth")
      ->check(safemap::command_line::whole_number<unsigned>(1))
      ->capture_default_str();
  app.add_option("--pct-steps", run.pct_steps,
                 "pct's k for the first schedule; each later one takes the steps the one before "
                 "made (a replay line sets it)")
      ->check(safemap::command_line::whole_number<std::uint64_t>(1))
      ->capture_default_str();
  app.add_option("--seed", run.seed, "The exploration's seed")
      ->check(safemap::command_line::whole_number<std::uint64_t>())
      ->capture_default_str();
  app.add_option("--schedules", run.schedules, "At most this many schedules")
      ->check(safemap::command_line::whole_number<std::uint64_t>(1))
      ->capture_default_str();
  app.add_option("--budget", run.budget_s, "At most this many seconds")
      ->check(safemap::command_line::seconds(false))
      ->capture_default_str();
  auto* schedule_option = app.add_option("--schedule", only, "Run schedule I alone (the replay)")
                              ->check(safemap::command_line::whole_number<std::uint64_t>());
  app.add_option("program", run.program, "The test executable and its arguments, after --")
      ->required();
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& error) {  // CLI11's own codes (106, 109, ...) are not ours
    return app.exit(error) == 0 ? exit_ok : exit_bad_usage;
  }
  if (schedule_option->count() > 0) run.only_schedule = only;
  return explore(run);
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return run_command_line(argc, argv);
  } catch (const std::exception& error) {
    std::cerr << "safemap-explore: " << error.what() << '\n';
    return exit_bad_usage;
  }
}
