// AppendFixed writes what std::to_chars(fixed, decimals) writes.
#include "pipeline/export/fixed_decimal.h"

#include <gtest/gtest.h>

#include <charconv>
#include <cmath>
#include <limits>
#include <random>
#include <string>
#include <vector>

namespace rapport::pipeline {
namespace {

std::string ToChars(double v, int decimals) {
  char buf[400];
  const auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::fixed, decimals);
  return ec == std::errc() ? std::string(buf, end) : "<error>";
}

std::string Fixed(double v, int decimals) {
  std::string out = "x";  // appends, keeps what was there
  if (!AppendFixed(&out, v, decimals)) return "<false>";
  EXPECT_EQ(out[0], 'x');
  return out.substr(1);
}

TEST(FixedDecimalTest, Examples) {
  EXPECT_EQ(Fixed(0.73456, 4), "0.7346");
  EXPECT_EQ(Fixed(0, 4), "0.0000");
  EXPECT_EQ(Fixed(12.5, 1), "12.5");
  EXPECT_EQ(Fixed(3, 0), "3");
  EXPECT_EQ(Fixed(1234567.891, 2), "1234567.89");
}

TEST(FixedDecimalTest, ExactTiesRoundToEvenAsToChars) {
  EXPECT_EQ(Fixed(0.5, 0), "0");
  EXPECT_EQ(Fixed(1.5, 0), "2");
  EXPECT_EQ(Fixed(2.5, 0), "2");
  EXPECT_EQ(Fixed(0.03125, 4), "0.0312");  // 312.5 ten-thousandths, exactly
  EXPECT_EQ(Fixed(0.09375, 4), "0.0938");
  EXPECT_EQ(Fixed(0.125, 2), "0.12");
  EXPECT_EQ(Fixed(0.375, 2), "0.38");
}

TEST(FixedDecimalTest, SignsAsToChars) {
  EXPECT_EQ(Fixed(-0.0, 4), "-0.0000");
  EXPECT_EQ(Fixed(-0.00001, 4), "-0.0000");
  EXPECT_EQ(Fixed(-2.25, 1), "-2.2");
  EXPECT_EQ(Fixed(-7.06251, 3), ToChars(-7.06251, 3));
}

TEST(FixedDecimalTest, NonFiniteIsRefused) {
  std::string out = "kept";
  EXPECT_FALSE(AppendFixed(&out, std::numeric_limits<double>::quiet_NaN(), 4));
  EXPECT_FALSE(AppendFixed(&out, std::numeric_limits<double>::infinity(), 4));
  EXPECT_FALSE(AppendFixed(&out, -std::numeric_limits<double>::infinity(), 0));
  EXPECT_EQ(out, "kept");
}

TEST(FixedDecimalTest, LargeValuesAndManyDecimalsTakeToCharsPath) {
  for (double v : {1e14, 123456789012345.678, 1e300, -3.5e20, std::numeric_limits<double>::max()})
    for (int d : {0, 2, 4}) EXPECT_EQ(Fixed(v, d), ToChars(v, d)) << v << " " << d;
  EXPECT_EQ(Fixed(0.123456789, 7), "0.1234568");
  EXPECT_EQ(Fixed(2.0 / 3, 12), ToChars(2.0 / 3, 12));
}

// Scores as the exports see them (0..1 and a little over, counts' logs up to
// thousands), random and on dyadic grids that hold every exact tie, for each
// precision of the fast path.
TEST(FixedDecimalTest, AgreesWithToCharsOnManyValues) {
  std::vector<double> values;
  std::mt19937_64 rng(3);
  std::uniform_real_distribution<double> unit(0, 1), wide(-5000, 5000);
  for (int i = 0; i < 200000; ++i) values.push_back(unit(rng));
  for (int i = 0; i < 100000; ++i) values.push_back(wide(rng));
  for (int k : {1, 4, 5, 7, 10, 13}) {
    const double step = std::ldexp(1.0, -k);
    for (int j = -3000; j <= 3000; ++j) values.push_back(j * step);
  }
  for (int i = 0; i < 20000; ++i) {  // near the rounding boundaries: k/10^d +- 0.5 ulp steps
    const double base = (static_cast<double>(rng() % 200000) + 0.5) / 10000;
    values.push_back(std::nextafter(base, 0.0));
    values.push_back(base);
    values.push_back(std::nextafter(base, 1.0));
  }
  size_t mismatches = 0;
  for (double v : values)
    for (int d = 0; d <= 4; ++d)
      if (Fixed(v, d) != ToChars(v, d) && ++mismatches <= 5) ADD_FAILURE() << v << " at " << d << " decimals: " << Fixed(v, d) << " vs " << ToChars(v, d);
  EXPECT_EQ(mismatches, 0u);
}

}  // namespace
}  // namespace rapport::pipeline
