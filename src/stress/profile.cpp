#include "stress/profile.hpp"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <stdexcept>

namespace safemap::stress {
namespace {

// Normal-build values, measured on 2 cores (docs/harness.md, "Profiles"): `local` passes most
// broken variants silently, `production` makes them fail.
std::vector<profile> builtin_profiles() {
  return {
      {.name = "local", .threads = {2}, .ops = 2000, .duration_s = 10, .keys = 1024,
       .watchdog_s = 5},
      {.name = "production", .threads = {4, 16, 64}, .ops = 20000, .duration_s = 20,
       .keys = 4096, .watchdog_s = 5},
  };
}

std::string environment_name(std::string_view profile_name) {
  std::string name = "SAFEMAP_STRESS_PROFILE_";
  for (char c : profile_name) name += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return name;
}

void apply_override(profile& settings, const std::string& variable, const char* text) {
  try {
    const auto changes = nlohmann::json::parse(text);
    if (!changes.is_object()) throw std::invalid_argument{"not a JSON object"};
    for (const auto& [field, value] : changes.items()) {
      if (field == "threads") {
        settings.threads = value.get<std::vector<unsigned>>();
      } else if (field == "ops") {
        settings.ops = value.get<std::uint64_t>();
      } else if (field == "duration_s") {
        settings.duration_s = value.get<double>();
      } else if (field == "keys") {
        settings.keys = value.get<std::uint64_t>();
      } else if (field == "watchdog_s") {
        settings.watchdog_s = value.get<double>();
      } else {
        throw std::invalid_argument{"unknown field \"" + field +
                                    "\" (known: threads, ops, duration_s, keys, watchdog_s)"};
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
    throw std::invalid_argument{"unknown profile \"" + std::string{name} + "\" (known: " +
                                known + ")"};
  }
  const auto variable = environment_name(name);
  if (const char* text = std::getenv(variable.c_str()); text != nullptr && *text != '\0') {
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
  if (!(settings.duration_s > 0)) fail("duration must be positive");
  if (settings.watchdog_s < 0) fail("watchdog period must not be negative");
}

}  // namespace safemap::stress
