#include "stress/run/result.hpp"

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>

#include "stress/replay_line.hpp"

namespace safemap::stress {
namespace {

// The detector a report's tool is, in the words EXPECT lines use.
std::string detector_of(const std::string& tool) {
  if (tool == "SafemapWatchdog") return "watchdog";
  if (tool == "SafemapLinearizability") return "linearizability";
  return "invariant";
}

// 16 hex digits, as the progress lines print it.
std::string trace_text(std::uint64_t hash) {
  char text[17];
  std::snprintf(text, sizeof text, "%016llx", static_cast<unsigned long long>(hash));
  return text;
}

nlohmann::json schedule_json(const schedule_totals& schedule) {
  return {{"steps", schedule.steps},
          {"switches", schedule.switches},
          {"escapes", schedule.escapes},
          {"trace", trace_text(schedule.trace_hash)}};
}

}  // namespace

result_recorder::result_recorder(const variant_info& variant, const run_options& options)
    : path_{options.json_path} {
  std::vector<std::string> workloads;
  for (workload kind : options.workloads) workloads.emplace_back(name_of(kind));
  run_fields_ =
      nlohmann::json{
          {"variant", variant.name},
          {"broken", variant.broken},
          {"source", variant.source_file},
          {"profile", options.settings.name},
          {"schedule", schedule::name_of(options.settings.schedule.kind)},
          {"seed", options.seed},
          {"workloads", workloads},
      }
          .dump();
  const safemap::lock_guard lock{mutex_};
  prepare_result_at_death();
}

void result_recorder::prepare_result_at_death() {
  if (path_.empty()) return;
  nlohmann::json result = nlohmann::json::parse(run_fields_);
  result.update({
      {"rounds", nlohmann::json::array()},
      {"verdict", "died"},
      {"finding",
       {{"detector", nullptr},
        {"kind", nullptr},
        {"message", ""},
        {"replay", replay_.empty() ? nlohmann::json(nullptr) : nlohmann::json(replay_)}}},
      {"exit_code", nullptr},
  });
  set_result_at_death(path_, result.dump(2) + '\n');
}

void result_recorder::add_round(round_result round) {
  const safemap::lock_guard lock{mutex_};
  rounds_.push_back(std::move(round));
}

void result_recorder::set_replay(std::string command) {
  const safemap::lock_guard lock{mutex_};
  replay_ = std::move(command);
  prepare_result_at_death();
}

void result_recorder::set_deadlock_schedule(const schedule_totals& schedule) {
  const safemap::lock_guard lock{mutex_};
  deadlock_schedule_ = schedule;
}

bool result_recorder::finish(const std::string& verdict, const report* finding, int exit_code) {
  const safemap::lock_guard lock{mutex_};
  if (path_.empty()) return true;
  nlohmann::json rounds = nlohmann::json::array();
  unsigned most_threads = 0;
  std::uint64_t ops = 0;
  double seconds = 0;
  for (const auto& round : rounds_) {
    nlohmann::json entry = {
        {"workload", round.workload},
        {"threads", round.threads},
        {"ops", round.ops},
        {"seconds", round.seconds},
        {"ops_per_s", round.seconds > 0 ? static_cast<double>(round.ops) / round.seconds : 0.0}};
    if (round.histories) {
      entry["linearizability"] = {{"operations", round.histories->operations},
                                  {"segments", round.histories->segments},
                                  {"undecided", round.histories->undecided}};
    }
    if (round.schedule) entry["schedule"] = schedule_json(*round.schedule);
    rounds.push_back(std::move(entry));
    most_threads = std::max(most_threads, round.threads);
    ops += round.ops;
    seconds += round.seconds;
  }
  nlohmann::json found = nullptr;
  if (finding != nullptr) {
    found = {{"detector", detector_of(finding->tool)},
             {"kind", finding->kind},
             {"message", finding->messages.empty() ? "" : finding->messages.front()}};
    if (!replay_.empty()) found["replay"] = replay_;
    if (deadlock_schedule_) found["schedule"] = schedule_json(*deadlock_schedule_);
  }
  nlohmann::json result = nlohmann::json::parse(run_fields_);
  result.update({
      {"rounds", rounds},
      {"threads", most_threads},
      {"ops_per_s", seconds > 0 ? static_cast<double>(ops) / seconds : 0.0},
      {"verdict", verdict},
      {"finding", found},
      {"exit_code", exit_code},
  });
  std::ofstream out{path_};
  out << result.dump(2) << '\n';
  if (!out) {
    std::cerr << "safemap-stress: cannot write the JSON result to " << path_ << '\n';
    return false;
  }
  return true;
}

}  // namespace safemap::stress
