// The machine-readable result of one run (--json FILE), for the gap report and CI:
//   {"variant": "unlocked_reads", "broken": true, "source": "/…/unlocked_reads.hpp",
//    "profile": "production", "seed": 42, "workloads": ["read_heavy"],
//    "rounds": [{"workload": "read_heavy", "threads": 4, "ops": 80000, "seconds": 0.1,
//                "ops_per_s": 800000,
//                "linearizability": {"operations": 80004, "segments": 5000, "undecided": 0}}],
//    "threads": 64, "ops_per_s": 750000, "verdict": "pass" | "invariant" | "deadlock" | …,
//    "schedule": "free" | "random" | "pct",
//    "finding": null | {"detector": "invariant" | "linearizability" | "watchdog",
//                       "kind": "lost update", "message": "…",
//                       "replay": "…" (controlled schedules: the command that replays it)},
//    "exit_code": 0}
// Written when the run ends by itself: pass, invariant violated, watchdog. A sanitizer that
// halts the process first leaves no file; its report on stderr is the result then.
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
};

// Thread-safe: the watchdog finishes the result from its own thread.
class result_recorder {
 public:
  result_recorder(const variant_info& variant, const run_options& options);

  void add_round(round_result round);
  // The command that replays the round now running (controlled schedules); a finding names it.
  void set_replay(std::string command);
  // Writes the JSON file (when --json was given). Returns false, with a message on stderr, when
  // the file cannot be written.
  bool finish(const std::string& verdict, const report* finding, int exit_code);

 private:
  safemap::mutex mutex_;
  std::string variant_;
  std::string source_;
  bool broken_;
  std::string profile_;
  std::string schedule_;
  std::string replay_ SAFEMAP_GUARDED_BY(mutex_);
  std::uint64_t seed_;
  std::vector<std::string> workloads_;
  std::string path_;
  std::vector<round_result> rounds_ SAFEMAP_GUARDED_BY(mutex_);
};

}  // namespace safemap::stress
