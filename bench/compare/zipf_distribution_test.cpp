// The key streams are only as good as their Zipf generator: these tests compare its draws with
// the exact Zipf probabilities (chi-squared), so a wrong exponent or an off-by-one rank fails.
#include "zipf_distribution.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <random>
#include <vector>

namespace {

using safemap::bench::zipf_distribution;

// Pearson's chi-squared statistic of `draws` draws against P(k) ~ 1 / (k+1)^skew.
double chi_squared(std::uint64_t n, double skew, int draws) {
  zipf_distribution zipf{n, skew};
  std::mt19937_64 engine{42};
  std::vector<double> observed(n, 0.0);
  for (int i = 0; i < draws; ++i) {
    const auto rank = zipf(engine);
    if (rank >= n)
      ADD_FAILURE() << "rank " << rank << " out of range for n = " << n;
    else
      observed[rank] += 1;
  }
  double normaliser = 0;
  for (std::uint64_t k = 1; k <= n; ++k) normaliser += std::pow(static_cast<double>(k), -skew);
  double statistic = 0;
  for (std::uint64_t k = 1; k <= n; ++k) {
    const double expected = draws * std::pow(static_cast<double>(k), -skew) / normaliser;
    statistic += (observed[k - 1] - expected) * (observed[k - 1] - expected) / expected;
  }
  return statistic;
}

// 99 degrees of freedom: the 99.99th percentile of chi-squared(99) is about 157.
constexpr double chi_squared_limit_99_dof = 157;

TEST(ZipfDistribution, MatchesZipfLawAtSkew099) {
  EXPECT_LT(chi_squared(100, 0.99, 200'000), chi_squared_limit_99_dof);
}

TEST(ZipfDistribution, MatchesZipfLawAtSkew05) {
  EXPECT_LT(chi_squared(100, 0.5, 200'000), chi_squared_limit_99_dof);
}

TEST(ZipfDistribution, IsNearlyUniformAtSkew001) {
  EXPECT_LT(chi_squared(100, 0.01, 200'000), chi_squared_limit_99_dof);
}

TEST(ZipfDistribution, MatchesZipfLawAtSkewExactlyOne) {
  EXPECT_LT(chi_squared(100, 1.0, 200'000), chi_squared_limit_99_dof);
}

TEST(ZipfDistribution, SingleKeyAlwaysDrawsRankZero) {
  zipf_distribution zipf{1, 0.99};
  std::mt19937_64 engine{7};
  for (int i = 0; i < 1000; ++i) ASSERT_EQ(zipf(engine), 0U);
}

TEST(ZipfDistribution, RejectsBadParameters) {
  EXPECT_THROW((zipf_distribution{0, 0.5}), std::invalid_argument);
  EXPECT_THROW((zipf_distribution{10, -1.0}), std::invalid_argument);
}

}  // namespace
