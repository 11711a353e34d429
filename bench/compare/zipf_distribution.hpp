// bench::zipf_distribution — draws ranks 0..n-1 with P(rank k) proportional to 1 / (k+1)^skew.
//
// Rejection-inversion sampling (Hörmann & Derflinger, "Rejection-inversion to generate variates
// from monotone discrete distributions", 1996): O(1) memory and expected O(1) time per draw for
// any n and any skew >= 0, so key streams of 4 x 10^7 draws over 4 x 10^6 keys are generated in
// seconds without an n-sized table. skew 0 is uniform; skew 1 is the classic Zipf law.
// Not thread-safe (like the standard distributions): one per generating thread.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <random>
#include <stdexcept>

namespace safemap::bench {

class zipf_distribution {
 public:
  zipf_distribution(std::uint64_t n, double skew)
      : n_{n},
        skew_{skew},
        h_integral_x1_{h_integral(1.5) - 1.0},
        h_integral_n_{h_integral(static_cast<double>(n) + 0.5)},
        squeeze_{2.0 - h_integral_inverse(h_integral(2.5) - h(2.0))} {
    if (n == 0) throw std::invalid_argument{"zipf_distribution: n must be positive"};
    if (!(skew >= 0.0)) throw std::invalid_argument{"zipf_distribution: skew must be >= 0"};
  }

  template <class Engine>
  std::uint64_t operator()(Engine& engine) {
    std::uniform_real_distribution<double> unit{0.0, 1.0};
    const auto last = static_cast<double>(n_);
    while (true) {
      const double u = h_integral_n_ + unit(engine) * (h_integral_x1_ - h_integral_n_);
      const double x = h_integral_inverse(u);
      // Ranks are 1-based inside the method; clamp guards rounding at both ends.
      const double k = std::clamp(std::floor(x + 0.5), 1.0, last);
      if (k - x <= squeeze_ || u >= h_integral(k + 0.5) - h(k)) {
        return static_cast<std::uint64_t>(k) - 1;
      }
    }
  }

  std::uint64_t n() const { return n_; }
  double skew() const { return skew_; }

 private:
  // h(x) = x^-skew, the unnormalised density; H is its integral, chosen so H stays finite at
  // skew == 1 (the helpers are log1p(x)/x and expm1(x)/x with their limits at x -> 0).
  double h(double x) const { return std::exp(-skew_ * std::log(x)); }

  double h_integral(double x) const {
    const double log_x = std::log(x);
    return expm1_over_x((1.0 - skew_) * log_x) * log_x;
  }

  double h_integral_inverse(double x) const {
    double t = x * (1.0 - skew_);
    if (t < -1.0) t = -1.0;  // rounding can push t just below the domain of log1p
    return std::exp(log1p_over_x(t) * x);
  }

  static double log1p_over_x(double x) {
    if (std::abs(x) > 1e-8) return std::log1p(x) / x;
    return 1.0 - x * (0.5 - x * (1.0 / 3.0 - 0.25 * x));
  }

  static double expm1_over_x(double x) {
    if (std::abs(x) > 1e-8) return std::expm1(x) / x;
    return 1.0 + x * 0.5 * (1.0 + x / 3.0 * (1.0 + 0.25 * x));
  }

  std::uint64_t n_;
  double skew_;
  double h_integral_x1_;
  double h_integral_n_;
  double squeeze_;
};

}  // namespace safemap::bench
