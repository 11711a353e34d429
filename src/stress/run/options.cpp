#include "stress/run/options.hpp"

#include <iostream>
#include <random>
#include <stdexcept>

#include "command_line/cli11.hpp"
#include "command_line/numeric_checks.hpp"
#include "stress/exit_code.hpp"

namespace safemap::stress {
namespace {

std::vector<workload> chosen_workloads(const std::vector<std::string>& names) {
  std::vector<workload> chosen;
  for (const auto& name : names) {
    if (name == "all") {
      chosen.insert(chosen.end(), all_workloads.begin(), all_workloads.end());
    } else if (auto kind = workload_named(name)) {
      chosen.push_back(*kind);
    } else {
      std::string known = "all";
      for (workload each : all_workloads) known += ", " + std::string{name_of(each)};
      throw std::invalid_argument{"unknown workload \"" + name + "\" (known: " + known + ")"};
    }
  }
  return chosen;
}

}  // namespace

parsed_command_line parse_command_line(int argc, const char* const* argv,
                                       const variant_info& variant) {
  CLI::App app{"Stress-test the map variant " + std::string{variant.name} +
               ": run workloads on many threads, check invariants and linearizability, watch for "
               "hangs."};
  app.footer(exit_codes_help(safemap_stress, sanitizer_codes_pass_through));
  std::vector<std::string> workload_names{"all"};
  std::string profile_name = "local";
  std::vector<unsigned> threads;
  std::uint64_t ops = 0;
  double duration_s = 0;
  std::uint64_t keys = 0;
  double watchdog_s = 0;
  std::uint64_t seed = 0;
  std::string progress = "auto";
  std::string schedule_name;
  std::vector<std::string> schedule_choices;
  schedule_choices.reserve(std::size(schedule::all_schedules));
  for (auto kind : schedule::all_schedules) schedule_choices.emplace_back(schedule::name_of(kind));
  unsigned pct_depth = 0;
  run_options options;

  app.add_option("-w,--workload", workload_names, "Workloads to run, in order, or all")
      ->delimiter(',')
      ->envname("SAFEMAP_STRESS_WORKLOAD");
  std::string profile_choices;
  for (const auto& name : profile_names()) {
    profile_choices += (profile_choices.empty() ? "" : ", ") + name;
  }
  app.add_option("-p,--profile", profile_name, "One of: " + profile_choices)
      ->envname("SAFEMAP_STRESS_PROFILE");
  auto* threads_option =
      app.add_option("-t,--threads", threads, "Thread counts, one round each (e.g. 4,16,64)")
          ->delimiter(',')
          ->check(command_line::whole_number(1u))
          ->envname("SAFEMAP_STRESS_THREADS");
  auto* ops_option = app.add_option("-n,--ops", ops, "Operations per thread and round")
                         ->check(command_line::whole_number<std::uint64_t>(1))
                         ->envname("SAFEMAP_STRESS_OPS");
  auto* duration_option =
      app.add_option("-d,--duration", duration_s, "Seconds after which a round stops early")
          ->check(command_line::seconds(false))
          ->envname("SAFEMAP_STRESS_DURATION");
  auto* keys_option = app.add_option("-k,--keys", keys, "Key range")
                          ->check(command_line::whole_number<std::uint64_t>(1))
                          ->envname("SAFEMAP_STRESS_KEYS");
  auto* watchdog_option = app.add_option("--watchdog", watchdog_s,
                                         "Seconds without progress that count as a hang (0: off)")
                              ->check(command_line::seconds(true))
                              ->envname("SAFEMAP_STRESS_WATCHDOG");
  auto* seed_option =
      app.add_option("-s,--seed", seed, "Random seed (default: a fresh one, printed)")
          ->check(command_line::whole_number<std::uint64_t>())
          ->envname("SAFEMAP_STRESS_SEED");
  auto* schedule_option =
      app.add_option("--schedule", schedule_name,
                     "free (the OS schedules threads), random or pct (one thread at a time, the "
                     "interleaving chosen from the seed and replayable); default: the profile's")
          ->check(CLI::IsMember(schedule_choices))
          ->envname("SAFEMAP_STRESS_SCHEDULE");
  auto* pct_depth_option =
      app.add_option(
             "--pct-depth", pct_depth,
             "PCT's depth: how many ordered events a bug may need (default: the profile's, 3)")
          ->check(command_line::whole_number(1u))
          ->envname("SAFEMAP_STRESS_PCT_DEPTH");
  bool memory_points = false;
  auto* memory_points_option =
      app.add_flag("--memory-points", memory_points,
                   "Make every plain load and store of the map's memory a scheduling point too, "
                   "so a race inside one operation shows as its effect (a controlled schedule, "
                   "in a points build: safemap-stress-<variant>-points)")
          ->envname("SAFEMAP_STRESS_MEMORY_POINTS");
  app.add_option(
         "--repeat-for", options.repeat_for_s,
         "Repeat all rounds, with new seeds, until a finding or this many seconds (0: once)")
      ->check(command_line::seconds(true))
      ->envname("SAFEMAP_STRESS_REPEAT_FOR");
  app.add_option("--json", options.json_path, "Write the result as JSON to this file")
      ->envname("SAFEMAP_STRESS_JSON");
  app.add_option("--progress", progress,
                 "auto (live line on a terminal, periodic lines otherwise), live, periodic, off")
      ->check(CLI::IsMember({"auto", "live", "periodic", "off"}))
      ->envname("SAFEMAP_STRESS_PROGRESS");
  app.add_option("--progress-every", options.progress_every_s,
                 "Seconds between periodic progress lines")
      ->check(command_line::seconds(false))
      ->envname("SAFEMAP_STRESS_PROGRESS_EVERY");
  app.add_flag("--describe", options.describe,
               "Print the variant and the resolved run settings as JSON, run nothing");

  try {
    command_line::refuse_empty_environment(app);
    app.parse(argc, argv);
    options.workloads = chosen_workloads(workload_names);
    options.settings = profile_named(profile_name);
    if (threads_option->count() > 0) options.settings.threads = threads;
    if (ops_option->count() > 0) options.settings.ops = ops;
    if (duration_option->count() > 0) options.settings.duration_s = duration_s;
    if (keys_option->count() > 0) options.settings.keys = keys;
    if (watchdog_option->count() > 0) options.settings.watchdog_s = watchdog_s;
    if (schedule_option->count() > 0)
      options.settings.schedule.kind = *schedule::schedule_named(schedule_name);
    if (pct_depth_option->count() > 0) options.settings.schedule.pct_depth = pct_depth;
    if (memory_points_option->count() > 0) options.settings.schedule.memory_points = memory_points;
    validate(options.settings);
  } catch (const CLI::ParseError& error) {
    return {.options = std::nullopt, .exit_code = app.exit(error) == 0 ? exit_ok : exit_bad_usage};
  } catch (const std::invalid_argument& error) {
    std::cerr << argv[0] << ": " << error.what() << "\n";
    return {.options = std::nullopt, .exit_code = exit_bad_usage};
  }
  options.program = argv[0];
  options.seed = seed_option->count() > 0 ? seed : std::random_device{}();
  options.progress = progress == "live"       ? progress_mode::live
                     : progress == "periodic" ? progress_mode::periodic
                     : progress == "off"      ? progress_mode::off
                                              : progress_mode::automatic;
  return {.options = std::move(options), .exit_code = exit_ok};
}

}  // namespace safemap::stress
