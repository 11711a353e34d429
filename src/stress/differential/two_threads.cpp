#include "stress/differential/two_threads.hpp"

#include <cstdio>
#include <cstdlib>
#include <utility>

#include "stress/linearizability/first_violation.hpp"
#include "stress/linearizability/witness_report.hpp"
#include "stress/report.hpp"

namespace safemap::stress::differential {

namespace lin = linearizability;

two_thread_case decode_two_threads(std::span<const std::uint8_t> bytes) {
  two_thread_case program;
  if (bytes.empty()) return program;
  const std::size_t wanted = bytes.front() % (max_operations + 1);
  const std::size_t operations = std::min(wanted, (bytes.size() - 1) / 2);
  std::array<std::uint64_t, case_threads> written{};
  for (std::size_t index = 0; index < operations; ++index) {
    const std::uint8_t what = bytes[1 + 2 * index];
    const std::uint8_t where = bytes[2 + 2 * index];
    const unsigned thread = what >> 7U;
    const operation_kind kind = mixed_operation((what & 0x7fU) * 100U / 128U);
    planned_call call = call_of(kind, where & 1U, thread, written[thread], 1U + (where >> 4U));
    call.callback_throws = (where & 0x0eU) == 0x0eU;
    program.calls[thread].push_back(call);
  }
  program.script.assign(bytes.begin() + static_cast<std::ptrdiff_t>(1 + 2 * operations),
                        bytes.end());
  return program;
}

std::optional<std::string> first_violation(std::span<const lin::thread_history> histories,
                                           const operation_sites& sites) {
  const std::array<lin::key_state, case_keys> empty{};
  const auto found =
      lin::first_violation(histories, empty, case_threads, [](lin::check_verdict) {});
  if (!found) return std::nullopt;
  return format_report(lin::linearizability_report(found->finding, sites));
}

// As a stress run reports a controlled schedule's deadlock (its watchdog's kind), less the
// threads' stacks: who waits for which lock says it, and the fuzzer keeps the bytes that replay it.
void report_schedule_deadlock(const std::vector<std::string>& waits) {
  report finding{.tool = "SafemapWatchdog",
                 .kind = "deadlock",
                 .messages = {"the fuzzed schedule deadlocked:"},
                 .stacks = {}};
  finding.messages.insert(finding.messages.end(), waits.begin(), waits.end());
  std::fputs(format_report(finding).c_str(), stderr);
  std::abort();
}

}  // namespace safemap::stress::differential
