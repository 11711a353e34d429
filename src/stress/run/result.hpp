// The machine-readable result of one run (--json FILE), for the gap report and CI:
//   {"variant": "unlocked_reads", "broken": true, "source": "/…/unlocked_reads.hpp",
//    "profile": "production", "seed": 42, "workloads": ["read_heavy"],
//    "rounds": [{"workload": "read_heavy", "threads": 4, "ops": 80000, "seconds": 0.1,
//                "ops_per_s": 800000,
//                "linearizability": {"operations": 80004, "segments": 5000, "undecided": 0},
//                "schedule": {"steps": 647, "switches": 5, "escapes": 0,
//                             "trace": "42bc809c8a774398"} (controlled schedules)}],
//    "threads": 64, "ops_per_s": 750000,
//    "verdict": "pass" | "invariant" | "linearizability" | "deadlock" | … | "died",
//    "schedule": "free" | "random" | "pct",
//    "finding": null | {"detector": "invariant" | "linearizability" | "watchdog" | null,
//                       "kind": "lost update" | null, "message": "…",
//                       "replay": "…" (controlled schedules: the command that replays it),
//                       "schedule": {"steps": …, "switches": …, "escapes": …, "trace": "…"}
//                                   (a controlled round's deadlock: where the schedule was)},
//    "exit_code": 0 | null}
// An oracle's finding comes from the last round of "rounds" (its schedule is that round's).
// Written when the run ends by itself: pass, invariant violated, not linearizable, watchdog or
// a controlled round's deadlock. When the process dies instead (a crash, or a sanitizer that
// halts it), the crash handler or the sanitizer's death callback writes the file kept ready
// for that: verdict "died", no rounds, exit_code null, and a finding whose detector and kind
// are null (the report on stderr says them) with the replay command of the round it died in.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <safemap/thread_annotations.hpp>

#include "stress/report.hpp"
#include "stress/run/options.hpp"
#include "stress/run/variant_info.hpp"
#include "stress/workloads/round.hpp"

namespace safemap::stress {

struct round_result {
  std::string workload;
  unsigned threads = 0;
  std::uint64_t ops = 0;
  double seconds = 0;
  std::optional<history_totals> histories;  // what the linearizability check covered
  std::optional<schedule_totals> schedule;  // what a controlled schedule did
};

// Thread-safe: the watchdog finishes the result from its own thread.
class result_recorder {
 public:
  result_recorder(const variant_info& variant, const run_options& options);

  void add_round(round_result round);
  // The command that replays the round now running (controlled schedules); a finding names it,
  // and so does the result the process leaves if it dies in that round.
  void set_replay(std::string command);
  // Where a controlled round's schedule was when it deadlocked; the deadlock's finding says it.
  void set_deadlock_schedule(const schedule_totals& schedule);
  // Writes the JSON file (when --json was given). Returns false, with a message on stderr, when
  // the file cannot be written.
  bool finish(const std::string& verdict, const report* finding, int exit_code);

 private:
  safemap::mutex mutex_;
  // What every result says of the run, whatever its end (variant, profile, seed, workloads...):
  // a JSON object's text, made once.
  std::string run_fields_;
  std::string replay_ SAFEMAP_GUARDED_BY(mutex_);
  std::optional<schedule_totals> deadlock_schedule_ SAFEMAP_GUARDED_BY(mutex_);
  std::string path_;
  std::vector<round_result> rounds_ SAFEMAP_GUARDED_BY(mutex_);

  // Keeps the result the process leaves if it dies (replay_line.hpp) current.
  void prepare_result_at_death() SAFEMAP_REQUIRES(mutex_);
};

}  // namespace safemap::stress
