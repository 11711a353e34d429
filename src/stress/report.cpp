#include "stress/report.hpp"

#include <unistd.h>

#include <cstdio>
#include <sstream>

namespace safemap::stress {
namespace {

void format_frame(std::ostringstream& out, std::size_t index, const frame& each) {
  char address[32];
  std::snprintf(address, sizeof address, "0x%016llx",
                static_cast<unsigned long long>(each.address));
  out << "    #" << index << ' ' << address << " in " << each.function;
  if (!each.file.empty()) {
    out << ' ' << each.file << ':' << each.line;
  } else if (!each.module.empty()) {
    out << " (" << each.module << ')';
  }
  out << '\n';
}

}  // namespace

std::string format_report(const report& finding) { return format_report(finding, ::getpid()); }

std::string format_report(const report& finding, int pid) {
  std::ostringstream out;
  out << "==" << pid << "==ERROR: " << finding.tool << ": " << finding.kind << '\n';
  for (const auto& message : finding.messages) out << "  " << message << '\n';
  for (const auto& each : finding.stacks) {
    out << "  " << each.title << '\n';
    for (std::size_t i = 0; i < each.frames.size(); ++i) format_frame(out, i, each.frames[i]);
  }
  out << "SUMMARY: " << finding.tool << ": " << finding.kind << '\n';
  return out.str();
}

}  // namespace safemap::stress
