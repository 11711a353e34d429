// Profiles and the command line: what a test preset's environment and a person's flags do.
#include <gtest/gtest.h>

#include <cstdlib>
#include <initializer_list>
#include <stdexcept>
#include <tuple>
#include <vector>

#include "stress/exit_code.hpp"
#include "stress/run/options.hpp"
#include "stress/run/profile.hpp"

namespace safemap::stress {
namespace {

const variant_info variant{.name = "example", .source_file = "/src/example.hpp", .broken = false};

// Sets an environment variable for one test and removes it afterwards.
// NOLINTBEGIN(concurrency-mt-unsafe): GoogleTest runs one test at a time, with no other thread.
class scoped_environment {
 public:
  scoped_environment(const char* name, const char* value) : name_{name} {
    ::setenv(name, value, 1);
  }
  scoped_environment(const scoped_environment&) = delete;
  scoped_environment& operator=(const scoped_environment&) = delete;
  ~scoped_environment() { ::unsetenv(name_); }

 private:
  const char* name_;
};
// NOLINTEND(concurrency-mt-unsafe)

parsed_command_line parse(std::initializer_list<const char*> arguments) {
  std::vector<const char*> argv{"safemap-stress-example"};
  argv.insert(argv.end(), arguments);
  return parse_command_line(static_cast<int>(argv.size()), argv.data(), variant);
}

TEST(Profiles, LocalIsWhatALaptopTestDoes) {
  const auto local = profile_named("local");
  EXPECT_EQ(local.threads, std::vector<unsigned>{2});
  const auto production = profile_named("production");
  EXPECT_GT(production.threads.back(), local.threads.back());
}

TEST(Profiles, EnvironmentOverridesSomeFields) {
  scoped_environment change{"SAFEMAP_STRESS_PROFILE_PRODUCTION",
                            R"({"threads": [3, 5], "ops": 7})"};
  const auto production = profile_named("production");
  EXPECT_EQ(production.threads, (std::vector<unsigned>{3, 5}));
  EXPECT_EQ(production.ops, 7u);
  EXPECT_EQ(production.keys, 4096u);  // untouched
}

TEST(Profiles, BadOverridesAreErrorsThatSayWhy) {
  {
    scoped_environment change{"SAFEMAP_STRESS_PROFILE_LOCAL", "{not json"};
    EXPECT_THROW(profile_named("local"), std::invalid_argument);
  }
  {
    scoped_environment change{"SAFEMAP_STRESS_PROFILE_LOCAL", R"({"thread": [2]})"};
    try {
      profile_named("local");
      FAIL() << "an unknown field was accepted";
    } catch (const std::invalid_argument& error) {
      EXPECT_NE(std::string{error.what()}.find("unknown field \"thread\""), std::string::npos)
          << error.what();
    }
  }
  {
    scoped_environment change{"SAFEMAP_STRESS_PROFILE_LOCAL", R"({"threads": [0]})"};
    EXPECT_THROW(profile_named("local"), std::invalid_argument);
  }
  EXPECT_THROW(profile_named("staging"), std::invalid_argument);
}

TEST(CommandLine, FlagsWinOverEnvironmentWhichWinsOverTheProfile) {
  scoped_environment threads{"SAFEMAP_STRESS_THREADS", "6,12"};
  scoped_environment ops{"SAFEMAP_STRESS_OPS", "99"};
  const auto parsed = parse({"--profile", "production", "--ops", "5", "--workload",
                             "read_heavy,erase_churn", "--seed", "42"});
  ASSERT_TRUE(parsed.options);
  const auto& options = *parsed.options;
  EXPECT_EQ(options.settings.threads, (std::vector<unsigned>{6, 12}));  // environment
  EXPECT_EQ(options.settings.ops, 5u);                                  // flag
  EXPECT_EQ(options.settings.keys, 4096u);                              // profile
  EXPECT_EQ(options.seed, 42u);
  EXPECT_EQ(options.workloads,
            (std::vector<workload>{*workload_named("read_heavy"), *workload_named("erase_churn")}));
}

TEST(CommandLine, AllMeansEveryWorkload) {
  const auto parsed = parse({});
  ASSERT_TRUE(parsed.options);
  EXPECT_EQ(parsed.options->workloads.size(), all_workloads.size());
  EXPECT_EQ(parsed.options->settings.name, "local");
}

TEST(CommandLine, BadUsageExitsWithTwo) {
  EXPECT_EQ(parse({"--workload", "write_lightly"}).exit_code, exit_bad_usage);
  EXPECT_EQ(parse({"--profile", "staging"}).exit_code, exit_bad_usage);
  EXPECT_EQ(parse({"--threads", "0"}).exit_code, exit_bad_usage);
  EXPECT_EQ(parse({"--ops", "many"}).exit_code, exit_bad_usage);
  EXPECT_EQ(parse({"--no-such-flag"}).exit_code, exit_bad_usage);
  EXPECT_FALSE(parse({"--no-such-flag"}).options);
}

// Every numeric option refuses each kind of bad value, whether it comes as a flag or through
// its environment variable. CLI11 alone read "-5" as 2^64-5 operations, an overflow as the
// largest value, "0x10" as 16 and let "inf" and "nan" through as durations.
TEST(CommandLine, EveryBadNumberExitsWithTwo) {
  // Bad for every number: a sign, an overflow of double, NaN, infinities, nothing, a space,
  // hex, a word. A count also refuses a value above 2^64 and a fraction.
  const std::vector<const char*> bad_for_all = {"-5", "1e999", "nan",  "inf", "-inf",
                                                "",   " 5",    "0x10", "ten"};
  std::vector<const char*> bad_for_counts = bad_for_all;
  bad_for_counts.insert(bad_for_counts.end(), {"99999999999999999999999", "1.5"});
  const std::vector<std::tuple<const char*, const char*, const std::vector<const char*>&>>
      numeric_options = {{"--threads", "SAFEMAP_STRESS_THREADS", bad_for_counts},
                         {"--ops", "SAFEMAP_STRESS_OPS", bad_for_counts},
                         {"--keys", "SAFEMAP_STRESS_KEYS", bad_for_counts},
                         {"--seed", "SAFEMAP_STRESS_SEED", bad_for_counts},
                         {"--duration", "SAFEMAP_STRESS_DURATION", bad_for_all},
                         {"--watchdog", "SAFEMAP_STRESS_WATCHDOG", bad_for_all},
                         {"--progress-every", "SAFEMAP_STRESS_PROGRESS_EVERY", bad_for_all},
                         {"--repeat-for", "SAFEMAP_STRESS_REPEAT_FOR", bad_for_all},
                         {"--pct-depth", "SAFEMAP_STRESS_PCT_DEPTH", bad_for_counts}};
  for (const auto& [flag, variable, bad_values] : numeric_options) {
    for (const char* value : bad_values) {
      EXPECT_EQ(parse({flag, value}).exit_code, exit_bad_usage) << flag << " '" << value << "'";
      scoped_environment bad{variable, value};
      EXPECT_EQ(parse({}).exit_code, exit_bad_usage) << variable << "='" << value << "'";
    }
  }
}

TEST(CommandLine, SchedulesAreChosenByNameWithADepthOfAtLeastOne) {
  const auto chosen = parse({"--schedule", "pct", "--pct-depth", "5"});
  ASSERT_TRUE(chosen.options);
  EXPECT_EQ(chosen.options->settings.schedule.kind, schedule::schedule_kind::pct);
  EXPECT_EQ(chosen.options->settings.schedule.pct_depth, 5u);
  const auto by_default = parse({});
  ASSERT_TRUE(by_default.options);
  EXPECT_EQ(by_default.options->settings.schedule.kind, schedule::schedule_kind::free);
  const auto controlled = parse({"--profile", "controlled"});
  ASSERT_TRUE(controlled.options);
  EXPECT_EQ(controlled.options->settings.schedule.kind, schedule::schedule_kind::pct);
  EXPECT_EQ(
      parse({"--profile", "controlled", "--schedule", "free"}).options->settings.schedule.kind,
      schedule::schedule_kind::free);
  for (const char* bad : {"fair", "PCT", "", "pct,random"}) {
    EXPECT_EQ(parse({"--schedule", bad}).exit_code, exit_bad_usage) << bad;
    scoped_environment bad_variable{"SAFEMAP_STRESS_SCHEDULE", bad};
    EXPECT_EQ(parse({}).exit_code, exit_bad_usage) << bad;
  }
  EXPECT_EQ(parse({"--pct-depth", "0"}).exit_code, exit_bad_usage);
  EXPECT_EQ(parse({"--schedule", "pct", "--threads", "65"}).exit_code, exit_bad_usage);
}

// Nothing silently uncontrolled: this test executable is no points build, so a run that asks
// for memory points is refused instead of running without them.
TEST(CommandLine, MemoryPointsAreRefusedWhereNoInstrumentationMakesThem) {
  ASSERT_FALSE(schedule::memory_points_built());
  EXPECT_EQ(parse({"--profile", "controlled", "--memory-points"}).exit_code, exit_bad_usage);
  EXPECT_EQ(parse({"--profile", "controlled_memory"}).exit_code, exit_bad_usage);
  EXPECT_EQ(parse({"--memory-points"}).exit_code, exit_bad_usage);  // and a free schedule
  const auto controlled = parse({"--profile", "controlled"});
  ASSERT_TRUE(controlled.options);
  EXPECT_FALSE(controlled.options->settings.schedule.memory_points);
  scoped_environment off{"SAFEMAP_STRESS_PROFILE_CONTROLLED_MEMORY", R"({"memory_points": false})"};
  const auto switched_off = parse({"--profile", "controlled_memory"});
  ASSERT_TRUE(switched_off.options);
  EXPECT_FALSE(switched_off.options->settings.schedule.memory_points);
}

TEST(CommandLine, GoodNumbersStillPass) {
  const auto parsed = parse({"--threads", "3", "--ops", "18446744073709551615", "--seed", "0",
                             "--duration", "0.5", "--watchdog", "0", "--progress-every", "2.5"});
  ASSERT_TRUE(parsed.options);
  EXPECT_EQ(parsed.options->settings.ops, 18446744073709551615u);
  EXPECT_EQ(parsed.options->settings.duration_s, 0.5);
  EXPECT_EQ(parsed.options->settings.watchdog_s, 0.0);
}

TEST(Profiles, OverridesRefuseNumbersOfTheWrongKind) {
  for (const char* override_text :
       {R"({"ops": -5})", R"({"ops": 2.5})", R"({"keys": "10"})", R"({"threads": [-1]})",
        R"({"threads": 3})", R"({"ops": 99999999999999999999999})", R"({"duration_s": -1})",
        R"({"watchdog_s": "5"})", R"({"threads": [4294967297]})", R"({"schedule": "fair"})",
        R"({"schedule": 1})", R"({"pct_depth": 0})", R"({"pct_depth": -3})",
        R"({"memory_points": 1})", ""}) {
    scoped_environment change{"SAFEMAP_STRESS_PROFILE_LOCAL", override_text};
    EXPECT_THROW(profile_named("local"), std::invalid_argument) << override_text;
  }
}

TEST(CommandLine, HelpIsNotAnError) {
  const auto parsed = parse({"--help"});
  EXPECT_FALSE(parsed.options);
  EXPECT_EQ(parsed.exit_code, exit_ok);
}

}  // namespace
}  // namespace safemap::stress
