#include "stress/session.hpp"

#include <algorithm>
#include <cstdio>
#include <iostream>
#include <nlohmann/json.hpp>

#include "stress/exit_code.hpp"

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
    : variant_{variant}, options_{options}, board_{most_threads(options)}, result_{variant, options},
      rounds_total_{options.workloads.size() * options.settings.threads.size()},
      monitor_{board_,
               {.watchdog_s = options.settings.watchdog_s, .progress = options.progress,
                .progress_every_s = options.progress_every_s,
                .variant_source = std::string{variant.source_file}},
               [this](const report& stall) {
                 result_.finish(stall.kind, &stall, exit_no_progress);
               }} {
  std::cerr << prefix(variant) << ": profile " << options.settings.name << ", seed " << options.seed
            << " (rerun with --seed " << options.seed << "), watchdog " << options.settings.watchdog_s
            << " s" << std::endl;
}

round_plan session::begin_round(workload kind, unsigned threads) {
  ++round_;
  const auto& settings = options_.settings;
  const std::string pass = passes_ > 1 ? " of pass " + std::to_string(passes_) : "";
  char stage[256];
  std::snprintf(stage, sizeof stage, "%s %s round %zu/%zu%s, %u threads", std::string{variant_.name}.c_str(),
                std::string{name_of(kind)}.c_str(), (round_ - 1) % rounds_total_ + 1, rounds_total_,
                pass.c_str(), threads);
  board_.set_stage(stage);
  std::cerr << "[safemap-stress] " << stage << " x " << settings.ops << " ops, keys " << settings.keys
            << ", at most " << settings.duration_s << " s" << std::endl;
  return {.threads = threads, .ops = settings.ops, .keys = settings.keys,
          .seed = options_.seed + round_,
          .deadline = steady_clock::now() + std::chrono::duration_cast<steady_clock::duration>(
                                                std::chrono::duration<double>(settings.duration_s))};
}

std::optional<int> session::end_round(workload kind, const round_plan& plan, const round_stats& stats,
                                      const oracle& found) {
  result_.add_round({.workload = std::string{name_of(kind)}, .threads = plan.threads, .ops = stats.ops,
                     .seconds = stats.seconds, .histories = stats.histories});
  char line[512];
  int length = std::snprintf(line, sizeof line, "%llu ops in %.3f s (%.0f ops/s)",
                             static_cast<unsigned long long>(stats.ops), stats.seconds,
                             stats.seconds > 0 ? static_cast<double>(stats.ops) / stats.seconds : 0.0);
  if (const auto& checked = stats.histories) {
    std::snprintf(line + length, sizeof line - static_cast<std::size_t>(length),
                  "; linearizability checked %llu operations in %llu segments (%llu key histories "
                  "undecided)",
                  static_cast<unsigned long long>(checked->operations),
                  static_cast<unsigned long long>(checked->segments),
                  static_cast<unsigned long long>(checked->undecided));
  }
  const auto histories = found.linearizability_findings();
  const auto violations = found.violations();
  if (histories.empty() && violations.empty()) {
    std::cerr << prefix(variant_) << ": " << line << ", invariants hold" << std::endl;
    return std::nullopt;
  }
  std::cerr << prefix(variant_) << ": " << line
            << (histories.empty() ? ", INVARIANTS VIOLATED" : ", HISTORY NOT LINEARIZABLE") << std::endl;
  std::vector<report> findings = histories;
  for (const auto& each : violations) findings.push_back(found.invariant_report(each));
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
  if (passes_ > 1) std::cerr << ", " << passes_ << " times (--repeat-for " << options_.repeat_for_s << ")";
  std::cerr << std::endl;
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
        {"watchdog_s", settings.watchdog_s}}},
      {"seed", options.seed},
      {"repeat_for_s", options.repeat_for_s},
  };
  std::cout << description.dump(2) << '\n';
}

}  // namespace safemap::stress
