// first_violation: the check of one stretch of concurrent histories, as the shared-keys mode and
// the two-thread fuzzer both run it: the whole-map reads first, then each key's history from the
// key's state when the stretch began; the first violation comes back described, its witness
// shrunk.
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <span>

#include "stress/linearizability/checker.hpp"
#include "stress/linearizability/history.hpp"
#include "stress/linearizability/witness_report.hpp"

namespace safemap::stress::linearizability {

struct violation {
  history_finding finding;
  // Operations of the shrunk witness, 0 for a whole-map read: the shorter, the easier to read.
  std::size_t witness_operations = 0;
};

// `histories`: the threads' and, last, the reads that end the stretch (thread `end_thread`'s);
// `start[key]`: every key's state when it began. `checked` hears each key's verdict.
std::optional<violation> first_violation(std::span<const thread_history> histories,
                                         std::span<const key_state> start, unsigned end_thread,
                                         const std::function<void(check_verdict)>& checked);

}  // namespace safemap::stress::linearizability
