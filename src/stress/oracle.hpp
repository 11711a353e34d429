// oracle: collects invariant violations that any correct map would never show, from any thread.
// Kinds are the words a finding carries: "lost update", "missing key", "unexpected key",
// "wrong value", "wrong result", "wrong size".
#pragma once

#include <cstdint>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

namespace safemap::stress {

struct violation {
  std::string kind;
  std::string first_message;  // the first instance, for people
  std::uint64_t count = 0;
};

class oracle {
 public:
  void report(std::string_view kind, std::string message);
  std::vector<violation> violations() const;  // in order of first appearance
  bool clean() const;

 private:
  mutable std::mutex mutex_;
  std::vector<violation> violations_;
};

}  // namespace safemap::stress
