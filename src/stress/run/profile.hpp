// Profiles: how hard a run pushes. `local` is what a laptop test does (2 threads, short);
// `production` is a sweep up to many threads, which is where the field's bugs show up;
// `controlled` is the laptop's answer to production: few threads, short rounds, and a PCT
// schedule (schedule/strategy.hpp) that makes each round's interleaving a function of its seed.
//
// The numbers are built in for a normal build. A test preset replaces any of them for its build
// through the environment, as JSON holding the fields to change, e.g. the tsan presets set
//   SAFEMAP_STRESS_PROFILE_PRODUCTION={"threads":[4,16,64],"ops":2000}
// because ThreadSanitizer runs 5-15x slower and needs fewer operations to see a race.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "stress/schedule/strategy.hpp"

namespace safemap::stress {

struct profile {
  std::string name;
  std::vector<unsigned> threads;         // one round per entry, in this order
  std::uint64_t ops = 0;                 // operations per thread and round
  double duration_s = 0;                 // a round stops early when it has run this long
  std::uint64_t keys = 0;                // key range; each thread owns keys / threads of them
  double watchdog_s = 0;                 // no progress for this long is a finding; 0 turns it off
  schedule::schedule_settings schedule;  // who decides which thread runs: the OS (free) or a seed
};

inline constexpr unsigned max_threads = 1024;

std::vector<std::string> profile_names();

// The named profile with the environment's overrides applied (SAFEMAP_STRESS_PROFILE_<NAME>).
// Throws std::invalid_argument with a message for people on an unknown name or a bad override.
profile profile_named(std::string_view name);

// Throws std::invalid_argument when a value is out of range.
void validate(const profile& settings);

}  // namespace safemap::stress
