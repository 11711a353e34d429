#include "stress/run/session.hpp"

#include <algorithm>
#include <cstdio>
#include <iostream>
#include <nlohmann/json.hpp>

#include "stress/exit_code.hpp"
#include "stress/replay_line.hpp"

namespace safemap::stress {
namespace {

unsigned most_threads(const run_options& options) {
  return *std::ranges::max_element(options.settings.threads);
}

std::string prefix(const variant_info& variant) {
  return "[safemap-stress] " + std::string{variant.name};
}

}  // namespace

session::session(const variant_info& variant, const run_options& options)
    : variant_{variant},
      options_{options},
      board_{most_threads(options)},
      result_{variant, options},
      rounds_total_{options.workloads.size() * options.settings.threads.size()},
      monitor_{
          board_,
          {.watchdog_s = options.settings.watchdog_s,
           .progress = options.progress,
           .progress_every_s = options.progress_every_s,
           .variant_source = std::string{variant.source_file}},
          [this](const report& stall) { result_.finish(stall.kind, &stall, exit_no_progress); }} {
  const auto& schedule = options.settings.schedule;
  std::cerr << prefix(variant) << ": profile " << options.settings.name << ", seed " << options.seed
            << " (rerun with --seed " << options.seed << "), watchdog "
            << options.settings.watchdog_s << " s";
  if (schedule.kind != schedule::schedule_kind::free) {
    std::cerr << ", schedule " << schedule::name_of(schedule.kind)
              << (schedule.kind == schedule::schedule_kind::pct
                      ? " depth " + std::to_string(schedule.pct_depth)
                      : "")
              << (schedule.memory_points ? ", memory points" : "")
              << " (each finding prints the command that replays it)";
  }
  std::cerr << '\n';
}

std::string session::replay_command(workload kind, const round_plan& plan) const {
  const auto& settings = options_.settings;
  char duration[32];
  std::snprintf(duration, sizeof duration, "%g", settings.duration_s);
  // The rerun's first round gets seed + 1, which is this round's seed.
  return options_.program + " --profile " + settings.name + " --workload " +
         std::string{name_of(kind)} + " --threads " + std::to_string(plan.threads) + " --ops " +
         std::to_string(plan.ops) + " --keys " + std::to_string(plan.keys) + " --duration " +
         duration + " --schedule " + std::string{schedule::name_of(settings.schedule.kind)} +
         " --pct-depth " + std::to_string(settings.schedule.pct_depth) +
         (settings.schedule.memory_points ? " --memory-points" : "") + " --seed " +
         std::to_string(plan.seed - 1);
}

round_plan session::begin_round(workload kind, unsigned threads) {
  ++round_;
  const auto& settings = options_.settings;
  const std::string pass = passes_ > 1 ? " of pass " + std::to_string(passes_) : "";
  char stage[256];
  std::snprintf(stage, sizeof stage, "%s %s round %zu/%zu%s, %u threads",
                std::string{variant_.name}.c_str(), std::string{name_of(kind)}.c_str(),
                (round_ - 1) % rounds_total_ + 1, rounds_total_, pass.c_str(), threads);
  board_.set_stage(stage);
  // Later passes of --repeat-for only repeat the first one's lines; the progress line and any
  // finding still show.
  if (passes_ == 1) {
    std::cerr << "[safemap-stress] " << stage << " x " << settings.ops << " ops, keys "
              << settings.keys << ", at most " << settings.duration_s << " s" << '\n';
  }
  round_plan plan{
      .threads = threads,
      .ops = settings.ops,
      .keys = settings.keys,
      .seed = options_.seed + round_,
      .deadline = steady_clock::now() + std::chrono::duration_cast<steady_clock::duration>(
                                            std::chrono::duration<double>(settings.duration_s)),
      .schedule = settings.schedule,
      .on_deadlock = nullptr};
  if (settings.schedule.kind != schedule::schedule_kind::free) {
    replay_ = replay_command(kind, plan);
    result_.set_replay(replay_);
    set_replay_line(replay_);
    plan.on_deadlock = [this](std::vector<std::string> waits, const schedule_totals& schedule) {
      waits.push_back("replay: " + replay_);
      result_.set_deadlock_schedule(schedule);
      monitor_.report_deadlock(std::move(waits));
    };
  }
  return plan;
}

std::optional<int> session::end_round(workload kind, const round_plan& plan,
                                      const round_stats& stats, const findings& found) {
  result_.add_round({.workload = std::string{name_of(kind)},
                     .threads = plan.threads,
                     .ops = stats.ops,
                     .seconds = stats.seconds,
                     .histories = stats.histories,
                     .schedule = stats.schedule});
  char line[512];
  int length =
      std::snprintf(line, sizeof line, "%llu ops in %.3f s (%.0f ops/s)",
                    static_cast<unsigned long long>(stats.ops), stats.seconds,
                    stats.seconds > 0 ? static_cast<double>(stats.ops) / stats.seconds : 0.0);
  if (const auto& checked = stats.histories) {
    length += std::snprintf(
        line + length, sizeof line - static_cast<std::size_t>(length),
        "; linearizability checked %llu operations in %llu segments (%llu key histories "
        "undecided)",
        static_cast<unsigned long long>(checked->operations),
        static_cast<unsigned long long>(checked->segments),
        static_cast<unsigned long long>(checked->undecided));
  }
  if (const auto& scheduled = stats.schedule) {
    std::snprintf(line + length, sizeof line - static_cast<std::size_t>(length),
                  "; schedule %llu steps, %llu switches, %u escapes, trace %016llx",
                  static_cast<unsigned long long>(scheduled->steps),
                  static_cast<unsigned long long>(scheduled->switches), scheduled->escapes,
                  static_cast<unsigned long long>(scheduled->trace_hash));
  }
  const auto histories = found.linearizability_findings();
  const auto violations = found.violations();
  if (histories.empty() && violations.empty()) {
    if (passes_ == 1) std::cerr << prefix(variant_) << ": " << line << ", invariants hold" << '\n';
    return std::nullopt;
  }
  std::cerr << prefix(variant_) << ": " << line
            << (histories.empty() ? ", INVARIANTS VIOLATED" : ", HISTORY NOT LINEARIZABLE") << '\n';
  std::vector<report> findings = histories;
  for (const auto& each : violations) findings.push_back(found.invariant_report(each));
  if (stats.schedule) {
    const std::string escapes = stats.schedule->escapes == 0
                                    ? ""
                                    : " (the round left " +
                                          std::to_string(stats.schedule->escapes) +
                                          " waits to the OS, so it may not replay exactly)";
    for (auto& finding : findings) finding.messages.push_back("replay: " + replay_ + escapes);
  }
  for (const auto& finding : findings) std::cerr << format_report(finding);
  std::cerr << std::flush;
  const bool linearizability = !histories.empty();
  const int code = linearizability ? exit_not_linearizable : exit_invariant_violated;
  result_.finish(linearizability ? "linearizability" : "invariant", &findings.front(), code);
  return code;
}

bool session::another_pass() {
  const double elapsed = std::chrono::duration<double>(steady_clock::now() - started_).count();
  if (options_.repeat_for_s <= 0 || elapsed >= options_.repeat_for_s) return false;
  ++passes_;
  return true;
}

int session::finish_passed() {
  std::cerr << prefix(variant_) << ": all " << rounds_total_ << " rounds passed";
  if (passes_ > 1)
    std::cerr << ", " << passes_ << " times (--repeat-for " << options_.repeat_for_s << ")";
  std::cerr << '\n';
  return result_.finish("pass", nullptr, exit_ok) ? exit_ok : exit_bad_usage;
}

void describe_run(const variant_info& variant, const run_options& options) {
  nlohmann::json workloads = nlohmann::json::array();
  for (workload kind : options.workloads) workloads.push_back(name_of(kind));
  const auto& settings = options.settings;
  const nlohmann::json description = {
      {"variant", variant.name},
      {"source", variant.source_file},
      {"broken", variant.broken},
      {"workloads", workloads},
      {"profile",
       {{"name", settings.name},
        {"threads", settings.threads},
        {"ops", settings.ops},
        {"duration_s", settings.duration_s},
        {"keys", settings.keys},
        {"watchdog_s", settings.watchdog_s},
        {"schedule", schedule::name_of(settings.schedule.kind)},
        {"pct_depth", settings.schedule.pct_depth},
        {"memory_points", settings.schedule.memory_points}}},
      {"seed", options.seed},
      {"repeat_for_s", options.repeat_for_s},
  };
  std::cout << description.dump(2) << '\n';
}

}  // namespace safemap::stress
