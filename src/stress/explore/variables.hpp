// The environment variables that carry an exploration's settings into a process: their one
// spelling. settings_from_environment() and the controlled runtime read them (explore.cpp,
// whole_process.cpp), the replay line and safemap-explore write them (replay_assignments());
// docs.facts checks docs/explore.md's settings table against the names in this file. Header
// only: safemap-explore, which runs no schedule itself, includes it without the harness.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace safemap::stress::explore::variable {

// Every name below starts so; safemap-explore drops inherited ones of it before setting its own.
inline constexpr std::string_view prefix = "SAFEMAP_EXPLORE_";

// Who runs at each point: random or pct.
inline constexpr const char* strategy = "SAFEMAP_EXPLORE_STRATEGY";
// pct's depth, at least 1.
inline constexpr const char* depth = "SAFEMAP_EXPLORE_DEPTH";
// pct's k, at least 1: the steps among which its change points fall. An exploration's first
// schedule takes this (default_pct_steps when unset), each later one the steps the schedule
// before it made; a replay line sets it to what its schedule took.
inline constexpr const char* pct_steps = "SAFEMAP_EXPLORE_PCT_STEPS";
inline constexpr std::uint64_t default_pct_steps = 100;
// The exploration's seed: schedule i is a function of (seed, i).
inline constexpr const char* seed = "SAFEMAP_EXPLORE_SEED";
// At most this many schedules, at least 1.
inline constexpr const char* schedules = "SAFEMAP_EXPLORE_SCHEDULES";
// At most this many seconds, at least 1.
inline constexpr const char* budget_s = "SAFEMAP_EXPLORE_BUDGET_S";
// Run schedule i alone: the replay.
inline constexpr const char* schedule = "SAFEMAP_EXPLORE_SCHEDULE";
// 1: a condition variable's wait may also end unsignalled (a spurious wakeup); 0, the default:
// only a signal, or a timed wait's timeout, ends it.
inline constexpr const char* spurious_wakeups = "SAFEMAP_EXPLORE_SPURIOUS_WAKEUPS";
// 0: atomic operations are no scheduling points (schedule_settings::atomic_points); 1, the
// default: each is one, in executables that have them (atomic_points_built).
inline constexpr const char* atomic_points = "SAFEMAP_EXPLORE_ATOMIC_POINTS";
// 1: plain memory accesses outside a thread's own stack are scheduling points too
// (schedule_settings::memory_points), in executables that have them (memory_points_built); 0,
// the default: they run within a turn.
inline constexpr const char* memory_points = "SAFEMAP_EXPLORE_MEMORY_POINTS";
// Set by safemap-explore: this process runs one schedule, its main thread seated before main().
inline constexpr const char* process = "SAFEMAP_EXPLORE_PROCESS";
// Set by safemap-explore: the file the process writes its schedule's counts to (JSON) at exit.
inline constexpr const char* summary = "SAFEMAP_EXPLORE_SUMMARY";
// Set by safemap-explore: the replay command a deadlock report prints.
inline constexpr const char* replay = "SAFEMAP_EXPLORE_REPLAY";

// NAME=value for each variable that makes settings_from_environment() give schedule `index` of
// the exploration (strategy, depth, pct's k for pct, seed, spurious wakeups when on, atomic
// points when off, memory points when on) alone.
inline std::vector<std::string> replay_assignments(
    std::string_view strategy_name, unsigned pct_depth, std::uint64_t schedule_pct_steps,
    std::uint64_t exploration_seed, std::uint64_t index, bool with_spurious_wakeups = false,
    bool with_atomic_points = true, bool with_memory_points = false) {
  std::vector<std::string> assignments{std::string{strategy} + "=" + std::string{strategy_name},
                                       std::string{depth} + "=" + std::to_string(pct_depth)};
  if (strategy_name == "pct") {
    assignments.push_back(std::string{pct_steps} + "=" + std::to_string(schedule_pct_steps));
  }
  assignments.push_back(std::string{seed} + "=" + std::to_string(exploration_seed));
  assignments.push_back(std::string{schedule} + "=" + std::to_string(index));
  if (with_spurious_wakeups) assignments.push_back(std::string{spurious_wakeups} + "=1");
  if (!with_atomic_points) assignments.push_back(std::string{atomic_points} + "=0");
  if (with_memory_points) assignments.push_back(std::string{memory_points} + "=1");
  return assignments;
}

}  // namespace safemap::stress::explore::variable
