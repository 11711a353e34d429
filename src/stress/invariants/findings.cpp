#include "stress/invariants/findings.hpp"

#include <algorithm>

namespace safemap::stress {

void findings::report(std::string_view kind, std::string message, operation_kind shown_by) {
  const safemap::lock_guard lock{mutex_};
  auto found = std::ranges::find(violations_, kind, &violation::kind);
  if (found == violations_.end()) {
    violations_.push_back({.kind = std::string{kind},
                           .first_message = std::move(message),
                           .count = 1,
                           .shown_by = shown_by});
  } else {
    ++found->count;
  }
}

void findings::report_linearizability(stress::report finding) {
  const safemap::lock_guard lock{mutex_};
  histories_.push_back(std::move(finding));
}

std::vector<violation> findings::violations() const {
  const safemap::lock_guard lock{mutex_};
  return violations_;
}

std::vector<stress::report> findings::linearizability_findings() const {
  const safemap::lock_guard lock{mutex_};
  return histories_;
}

stress::report findings::invariant_report(const violation& broken) const {
  std::string message = broken.first_message;
  if (broken.count > 1) message += " (and " + std::to_string(broken.count - 1) + " more like it)";
  stress::report finding{
      .tool = "SafemapInvariant", .kind = broken.kind, .messages = {message}, .stacks = {}};
  if (auto shown = sites_.shown_by(broken.shown_by)) finding.stacks.push_back(std::move(*shown));
  return finding;
}

bool findings::clean() const {
  const safemap::lock_guard lock{mutex_};
  return violations_.empty() && histories_.empty();
}

}  // namespace safemap::stress
