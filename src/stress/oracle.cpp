#include "stress/oracle.hpp"

#include <algorithm>

namespace safemap::stress {

void oracle::report(std::string_view kind, std::string message) {
  std::lock_guard lock{mutex_};
  auto found = std::ranges::find(violations_, kind, &violation::kind);
  if (found == violations_.end()) {
    violations_.push_back({.kind = std::string{kind}, .first_message = std::move(message), .count = 1});
  } else {
    ++found->count;
  }
}

std::vector<violation> oracle::violations() const {
  std::lock_guard lock{mutex_};
  return violations_;
}

bool oracle::clean() const {
  std::lock_guard lock{mutex_};
  return violations_.empty();
}

}  // namespace safemap::stress
