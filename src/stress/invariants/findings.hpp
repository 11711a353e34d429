// invariants/: what must hold after a round; the sink every finding goes to
//
// findings: the sink that collects what the harness's own detectors find, from any thread.
//   * Invariant violations that any correct map would never show. Kinds are the words a finding
//     carries: "lost update", "missing key", "unexpected key", "wrong value", "wrong result",
//     "wrong size". Each names the operation whose result showed it, and the report locates it
//     at the member function implementing that operation (operation_sites.hpp).
//   * Linearizability violations: a recorded history that no legal order explains, already
//     shrunk and written up as a report (linearizability/witness_report.hpp).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <safemap/thread_annotations.hpp>

#include "stress/map/operation_kind.hpp"
#include "stress/map/operation_sites.hpp"
#include "stress/report.hpp"

namespace safemap::stress {

struct violation {
  std::string kind;
  std::string first_message;  // the first instance, for people
  std::uint64_t count = 0;
  operation_kind shown_by = operation_kind::find;
};

class findings {
 public:
  findings() = default;
  explicit findings(operation_sites sites) : sites_{sites} {}

  void report(std::string_view kind, std::string message, operation_kind shown_by);
  void report_linearizability(stress::report finding);

  std::vector<violation> violations() const;  // in order of first appearance
  // A violation as a SafemapInvariant report, located at the operation that showed it.
  stress::report invariant_report(const violation& broken) const;
  std::vector<stress::report> linearizability_findings() const;
  bool clean() const;

  // Where the map under test implements each operation, for the reports.
  const operation_sites& sites() const { return sites_; }

 private:
  operation_sites sites_;
  mutable safemap::mutex mutex_;
  std::vector<violation> violations_ SAFEMAP_GUARDED_BY(mutex_);
  std::vector<stress::report> histories_ SAFEMAP_GUARDED_BY(mutex_);
};

}  // namespace safemap::stress
