// run/: running a variant: options, profiles, the session, the JSON result
//
// session: everything about one run of a variant that does not depend on the map type —
// announcing rounds, the monitor (progress and watchdog), turning invariant violations into
// reports, the JSON result and the exit code. driver.hpp adds the map type.
#pragma once

#include <cstddef>
#include <optional>
#include <string>

#include "stress/invariants/findings.hpp"
#include "stress/progress.hpp"
#include "stress/run/options.hpp"
#include "stress/run/result.hpp"
#include "stress/run/variant_info.hpp"
#include "stress/watchdog/monitor.hpp"
#include "stress/workloads/round.hpp"

namespace safemap::stress {

class session {
 public:
  session(const variant_info& variant, const run_options& options);

  progress_board& board() { return board_; }

  round_plan begin_round(workload kind, unsigned threads);
  // Records the round; prints invariant reports when the findings found something. Returns the
  // exit code to stop with, or nothing to go on.
  std::optional<int> end_round(workload kind, const round_plan& plan, const round_stats& stats,
                               const findings& found);
  // After the last round of a pass: true while --repeat-for leaves time for another pass.
  bool another_pass();
  int finish_passed();

 private:
  std::string replay_command(workload kind, const round_plan& plan) const;

  const variant_info& variant_;
  const run_options& options_;
  progress_board board_;
  result_recorder result_;
  std::size_t rounds_total_;
  std::size_t round_ = 0;
  std::size_t passes_ = 1;
  std::string replay_;  // the controlled round now running, as a command
  steady_clock::time_point started_ = steady_clock::now();
  monitor monitor_;  // last: watches everything above
};

// `--describe`: the variant and the resolved run settings as JSON on stdout.
void describe_run(const variant_info& variant, const run_options& options);

}  // namespace safemap::stress
