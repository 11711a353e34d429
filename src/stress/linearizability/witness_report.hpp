// The linearizability oracle's finding, in the report form every harness detector prints
// (docs/architecture.md), so that sanitizer-report parses, locates, deduplicates and renders it
// like a ThreadSanitizer report:
//
//   ==PID==ERROR: SafemapLinearizability: linearizability violation
//     key 2: no order of these 3 operations explains what they returned (shrunk from 41) ...
//     key 2 held 7 before them (read when the segment began, with no other thread running)
//     steps  thread  operation                     returned  every legal order returns
//     1-4    0       upsert(2, insert 5 or add 3)  false
//     2-3    1       upsert(2, insert 6 or add 4)  false
//     5-6    0       find(2)                       11        14
//     Operation whose result no legal order explains:
//       #0 0x0000563a1c2b3f10 in safemap::locked_map<...>::find /src/safemap/locked_map.hpp:73
//     The other operations of the history:
//       #0 0x0000563a1c2b4a80 in safemap::broken::check_then_act_counter<...>::upsert /tests/...
//   SUMMARY: SafemapLinearizability: linearizability violation
//
// The frames are the member functions that implement the operations (operation_sites.hpp): the
// blamed ones first, so the finding is located at the component's own function even when the
// blamed operation is one it inherits from the library (sanitizer-report points past
// --library frames).
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "stress/linearizability/explain.hpp"
#include "stress/linearizability/shrink.hpp"
#include "stress/map/operation_sites.hpp"
#include "stress/report.hpp"

namespace safemap::stress::linearizability {

inline constexpr const char* report_tool = "SafemapLinearizability";
inline constexpr const char* violation_kind = "linearizability violation";

struct witness_row {
  std::string thread;
  std::uint64_t invoked = 0;  // history clock ticks; printed as ranks among the rows
  std::uint64_t responded = 0;
  std::string call;
  std::string returned;
  std::string legal;  // for a blamed operation: what every legal order returns instead
  operation_kind kind = operation_kind::find;
  bool blamed = false;
};

struct history_finding {
  std::vector<std::string> context;  // the lines above the table
  std::vector<witness_row> rows;
};

// The table of a shrunk key history; the thread numbered `segment_end_thread` is shown as
// "end" (the reads made when a segment ends, with no other thread running).
history_finding describe_witness(const witness& failing, const explanation& why,
                                 unsigned segment_end_thread);

report linearizability_report(const history_finding& finding, const operation_sites& sites);

}  // namespace safemap::stress::linearizability
