#include "stress/run/profile.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <concepts>
#include <cstdlib>
#include <limits>
#include <nlohmann/json.hpp>
#include <stdexcept>

namespace safemap::stress {
namespace {

// Normal-build values, measured on 2 cores (docs/harness.md, "Profiles"): `local` passes most
// broken variants silently, `production` makes them fail.
std::vector<profile> builtin_profiles() {
  return {
      {.name = "local",
       .threads = {2},
       .ops = 2000,
       .duration_s = 10,
       .keys = 1024,
       .watchdog_s = 5,
       .schedule = {}},
      {.name = "production",
       .threads = {4, 16, 64},
       .ops = 20000,
       .duration_s = 20,
       .keys = 4096,
       .watchdog_s = 5,
       .schedule = {}},
      // Short rounds: PCT's depth-1 priority changes fall among a round's k steps, so the
      // chance that one lands in a bug's window grows as k shrinks (docs/harness.md).
      {.name = "controlled",
       .threads = {2, 3},
       .ops = 64,
       .duration_s = 10,
       .keys = 64,
       .watchdog_s = 5,
       .schedule = {.kind = schedule::schedule_kind::pct, .pct_depth = 3}},
      // `controlled` with every plain load and store a point too, so a race inside one
      // operation shows as its effect. Only points builds (safemap-stress-<variant>-points)
      // have the instrumentation; everywhere else validate() refuses the profile.
      {.name = "controlled_memory",
       .threads = {2, 3},
       .ops = 64,
       .duration_s = 10,
       .keys = 64,
       .watchdog_s = 5,
       .schedule = {.kind = schedule::schedule_kind::pct, .pct_depth = 3, .memory_points = true}},
  };
}

std::string environment_name(std::string_view profile_name) {
  std::string name = "SAFEMAP_STRESS_PROFILE_";
  for (char c : profile_name)
    name += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return name;
}

// nlohmann's get<unsigned>() converts -5 and 2.5 without complaint; a field must be a JSON
// whole number (non-negative integer) that fits, or the override is refused.
template <std::unsigned_integral Number>
Number whole_number_field(const nlohmann::json& value, const std::string& field) {
  if (!value.is_number_unsigned() ||
      value.get<std::uint64_t>() > std::numeric_limits<Number>::max()) {
    throw std::invalid_argument{"\"" + field + "\" must be a whole number up to " +
                                std::to_string(std::numeric_limits<Number>::max()) + ", got " +
                                value.dump()};
  }
  return value.get<Number>();
}

double seconds_field(const nlohmann::json& value, const std::string& field) {
  if (!value.is_number()) {
    throw std::invalid_argument{"\"" + field + "\" must be a number of seconds, got " +
                                value.dump()};
  }
  return value.get<double>();
}

schedule::schedule_kind schedule_field(const nlohmann::json& value, const std::string& field) {
  if (value.is_string()) {
    if (const auto kind = schedule::schedule_named(value.get<std::string>())) return *kind;
  }
  throw std::invalid_argument{"\"" + field + "\" must be one of " + schedule::schedule_names() +
                              ", got " + value.dump()};
}

void apply_override(profile& settings, const std::string& variable, const char* text) {
  try {
    const auto changes = nlohmann::json::parse(text);
    if (!changes.is_object()) throw std::invalid_argument{"not a JSON object"};
    for (const auto& [field, value] : changes.items()) {
      if (field == "threads") {
        if (!value.is_array()) throw std::invalid_argument{"\"threads\" must be an array"};
        settings.threads.clear();
        for (const auto& count : value) {
          settings.threads.push_back(whole_number_field<unsigned>(count, field));
        }
      } else if (field == "ops") {
        settings.ops = whole_number_field<std::uint64_t>(value, field);
      } else if (field == "duration_s") {
        settings.duration_s = seconds_field(value, field);
      } else if (field == "keys") {
        settings.keys = whole_number_field<std::uint64_t>(value, field);
      } else if (field == "watchdog_s") {
        settings.watchdog_s = seconds_field(value, field);
      } else if (field == "schedule") {
        settings.schedule.kind = schedule_field(value, field);
      } else if (field == "pct_depth") {
        settings.schedule.pct_depth = whole_number_field<unsigned>(value, field);
      } else if (field == "memory_points") {
        if (!value.is_boolean()) throw std::invalid_argument{"\"memory_points\" must be a boolean"};
        settings.schedule.memory_points = value.get<bool>();
      } else {
        throw std::invalid_argument{
            "unknown field \"" + field +
            "\" (known: threads, ops, duration_s, keys, watchdog_s, schedule, "
            "pct_depth, memory_points)"};
      }
    }
  } catch (const std::exception& error) {
    throw std::invalid_argument{variable + "='" + text + "': " + error.what()};
  }
}

}  // namespace

std::vector<std::string> profile_names() {
  std::vector<std::string> names;
  for (const auto& builtin : builtin_profiles()) names.push_back(builtin.name);
  return names;
}

profile profile_named(std::string_view name) {
  auto profiles = builtin_profiles();
  auto found = std::ranges::find(profiles, name, &profile::name);
  if (found == profiles.end()) {
    std::string known;
    for (const auto& builtin : profiles) known += (known.empty() ? "" : ", ") + builtin.name;
    throw std::invalid_argument{"unknown profile \"" + std::string{name} + "\" (known: " + known +
                                ")"};
  }
  const auto variable = environment_name(name);
  // NOLINTNEXTLINE(concurrency-mt-unsafe): read while parsing options, before any thread starts.
  if (const char* text = std::getenv(variable.c_str()); text != nullptr) {
    // Set but empty is a broken script far more often than a wish for the built-in numbers.
    if (*text == '\0') {
      throw std::invalid_argument{variable +
                                  " is set but empty; unset it or give it a JSON object"};
    }
    apply_override(*found, variable, text);
  }
  validate(*found);
  return *found;
}

void validate(const profile& settings) {
  const auto fail = [&](const std::string& why) {
    throw std::invalid_argument{"profile " + settings.name + ": " + why};
  };
  if (settings.threads.empty()) fail("needs at least one thread count");
  for (unsigned threads : settings.threads) {
    if (threads == 0 || threads > max_threads) {
      fail("thread count " + std::to_string(threads) + " is outside 1.." +
           std::to_string(max_threads));
    }
  }
  if (settings.ops == 0) fail("ops must be at least 1");
  if (settings.keys == 0) fail("keys must be at least 1");
  // !(x > 0) rather than x <= 0, so NaN fails too.
  if (!(settings.duration_s > 0) || !std::isfinite(settings.duration_s)) {
    fail("duration must be a finite number of seconds > 0");
  }
  if (!(settings.watchdog_s >= 0) || !std::isfinite(settings.watchdog_s)) {
    fail("watchdog period must be a finite number of seconds >= 0");
  }
  if (settings.schedule.pct_depth == 0) fail("pct depth must be at least 1");
  if (settings.schedule.memory_points) {
    if (settings.schedule.kind == schedule::schedule_kind::free) {
      fail("memory points need a controlled schedule (--schedule pct or random)");
    }
    // Nothing silently uncontrolled: without the instrumentation the setting would do nothing.
    if (!schedule::memory_points_built()) {
      fail(
          "this executable has no memory points; its points build has them "
          "(safemap-stress-<variant>-points, built where the compiler is g++ and no sanitizer "
          "is on)");
    }
  }
  if (settings.schedule.kind != schedule::schedule_kind::free) {
    for (unsigned threads : settings.threads) {
      if (threads > schedule::max_controlled_threads) {
        fail("a controlled schedule runs at most " +
             std::to_string(schedule::max_controlled_threads) + " threads, not " +
             std::to_string(threads));
      }
    }
  }
}

}  // namespace safemap::stress
