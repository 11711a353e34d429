// The differential programs without libFuzzer (every preset): decoding, every variant agreeing
// with the model on long seeded programs, and a wrong map caught and shrunk to a short report.
#include <gtest/gtest.h>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <random>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "stress/differential/program.hpp"
#include "stress/differential/run.hpp"
#include "stress/differential/variants.hpp"
#include "stress/report.hpp"

namespace safemap::stress::differential {
namespace {

std::vector<std::uint8_t> seeded_bytes(std::size_t count, std::uint32_t seed) {
  std::mt19937 random{seed};
  std::uniform_int_distribution<int> byte{0, 255};
  std::vector<std::uint8_t> bytes(count);
  for (auto& each : bytes) each = static_cast<std::uint8_t>(byte(random));
  return bytes;
}

TEST(differential, DecodesThreeBytesAnOperationAndIgnoresATrailingPart) {
  const std::vector<std::uint8_t> bytes{2, 17, 9, 31, 3, 200, 2, 5};
  const auto program = decode(bytes);
  ASSERT_EQ(program.size(), 2U);
  EXPECT_EQ(describe(program[0]), "insert(k1, 9)");
  EXPECT_EQ(describe(program[1]), "clear()");
}

TEST(differential, EveryVariantAgreesWithTheModelOnLongSeededPrograms) {
  for (const std::uint32_t seed : {1U, 2U, 3U}) {
    const auto program = decode(seeded_bytes(30'000, seed));
    for_each_variant([&program, seed]<class Map>(std::string_view name) {
      const auto found = first_mismatch<Map>(program);
      EXPECT_FALSE(found) << "seed " << seed << ":\n"
                          << (found ? format_report(mismatch_report<Map>(name, shrink<Map>(program),
                                                                         program.size()))
                                    : "");
    });
  }
}

// A map whose erase reports success without removing the entry.
class erase_forgets_map : public model_of<mutex_map<std::uint64_t, std::uint64_t>> {
 public:
  bool erase(const std::uint64_t& key) { return contains(key); }
};

TEST(differential, AWrongMapIsCaughtAndShrunkToTheOperationsThatShowIt) {
  const auto program = decode(seeded_bytes(3'000, 7));
  ASSERT_TRUE(first_mismatch<erase_forgets_map>(program));
  const auto shrunk = shrink<erase_forgets_map>(program);
  // An insert, the erase that forgets, and a read that sees the entry still there.
  EXPECT_EQ(shrunk.size(), 3U);
  const std::string text = format_report(
      mismatch_report<erase_forgets_map>("erase_forgets_map", shrunk, program.size()));
  EXPECT_NE(text.find("ERROR: SafemapDifferential: mismatch\n"), std::string::npos) << text;
  EXPECT_NE(text.find("erase_forgets_map disagrees with std::unordered_map after 3 operations "
                      "(shrunk from 1000)"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("step 2: "), std::string::npos) << text;
  EXPECT_NE(text.find("expected: "), std::string::npos) << text;
  EXPECT_NE(text.find("SUMMARY: SafemapDifferential: mismatch\n"), std::string::npos) << text;
}

// A map whose erase gives the wrong answer itself: the report's stack is that erase.
class erase_always_true_map : public model_of<mutex_map<std::uint64_t, std::uint64_t>> {
 public:
  static constexpr int erase_line = __LINE__ + 1;
  bool erase(const std::uint64_t& key) {
    model_of<mutex_map<std::uint64_t, std::uint64_t>>::erase(key);
    return true;
  }
};

TEST(differential, AMismatchIsLocatedAtTheMemberFunctionWhoseResultDiffered) {
  const std::vector<operation> program{{.kind = operation_kind::erase, .key = 3, .argument = 0}};
  const auto finding = mismatch_report<erase_always_true_map>("erase_always_true_map", program, 1);
  EXPECT_EQ(finding.tool, "SafemapDifferential");
  EXPECT_EQ(finding.kind, "mismatch");
  ASSERT_EQ(finding.messages.size(), 2U);
  EXPECT_EQ(finding.messages[1], "step 0: erase(k3) -> true    expected: false");
  ASSERT_EQ(finding.stacks.size(), 1U);
  EXPECT_EQ(finding.stacks[0].title, "Shown by the result of erase:");
  ASSERT_EQ(finding.stacks[0].frames.size(), 1U);
  const frame& erase = finding.stacks[0].frames[0];
  EXPECT_TRUE(erase.file.ends_with("tests/stress/differential_test.cpp")) << erase.file;
  EXPECT_EQ(erase.line, erase_always_true_map::erase_line);
}

}  // namespace
}  // namespace safemap::stress::differential
