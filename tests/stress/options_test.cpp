// Profiles and the command line: what a test preset's environment and a person's flags do.
#include <gtest/gtest.h>

#include <cstdlib>
#include <initializer_list>
#include <stdexcept>
#include <vector>

#include "stress/exit_code.hpp"
#include "stress/options.hpp"
#include "stress/profile.hpp"

namespace safemap::stress {
namespace {

const variant_info variant{.name = "example", .source_file = "/src/example.hpp", .broken = false};

// Sets an environment variable for one test and removes it afterwards.
class scoped_environment {
 public:
  scoped_environment(const char* name, const char* value) : name_{name} { ::setenv(name, value, 1); }
  scoped_environment(const scoped_environment&) = delete;
  scoped_environment& operator=(const scoped_environment&) = delete;
  ~scoped_environment() { ::unsetenv(name_); }

 private:
  const char* name_;
};

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
  scoped_environment change{"SAFEMAP_STRESS_PROFILE_PRODUCTION", R"({"threads": [3, 5], "ops": 7})"};
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
      EXPECT_NE(std::string{error.what()}.find("unknown field \"thread\""), std::string::npos) << error.what();
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
  const auto parsed = parse({"--profile", "production", "--ops", "5", "--workload", "read_heavy,erase_churn",
                             "--seed", "42"});
  ASSERT_TRUE(parsed.options);
  const auto& options = *parsed.options;
  EXPECT_EQ(options.settings.threads, (std::vector<unsigned>{6, 12}));  // environment
  EXPECT_EQ(options.settings.ops, 5u);                                  // flag
  EXPECT_EQ(options.settings.keys, 4096u);                              // profile
  EXPECT_EQ(options.seed, 42u);
  EXPECT_EQ(options.workloads, (std::vector<workload>{workload::read_heavy, workload::erase_churn}));
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

TEST(CommandLine, HelpIsNotAnError) {
  const auto parsed = parse({"--help"});
  EXPECT_FALSE(parsed.options);
  EXPECT_EQ(parsed.exit_code, exit_ok);
}

}  // namespace
}  // namespace safemap::stress
