// Command line of a variant's stress executable. Every option can also come from the
// environment (SAFEMAP_STRESS_<OPTION>), which is how test presets set them; an option on the
// command line wins over the environment, and both win over the profile.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "stress/progress.hpp"
#include "stress/run/profile.hpp"
#include "stress/run/variant_info.hpp"
#include "stress/workloads/list.hpp"

namespace safemap::stress {

struct run_options {
  std::string program;  // argv[0], for the replay command a controlled finding prints
  std::vector<workload> workloads;
  profile settings;  // the profile with explicit options applied
  std::uint64_t seed = 0;
  std::string json_path;  // empty: no JSON result
  progress_mode progress = progress_mode::automatic;
  double progress_every_s = 10;  // periodic mode: one line this often
  // 0: every round once. Otherwise all rounds again, with new seeds, until a finding stops the
  // run or this many seconds have passed: an expectation test that needs threads to overlap
  // keeps trying on a loaded machine instead of failing after a fixed, tiny amount of work.
  double repeat_for_s = 0;
  bool describe = false;  // print the resolved run as JSON and exit
};

struct parsed_command_line {
  std::optional<run_options> options;  // empty: exit with exit_code (help, or bad usage)
  int exit_code = 0;
};

// Prints help or a clear error itself.
parsed_command_line parse_command_line(int argc, const char* const* argv,
                                       const variant_info& variant);

}  // namespace safemap::stress
