#include "base/fnv.h"

#include <cstdint>
#include <random>

#include <gtest/gtest.h>

namespace rapport {
namespace {

TEST(FnvTest, KnownVectors) {
  // The FNV-1a step itself, from the standard offset basis: reference values.
  constexpr uint64_t kStandardOffset = 14695981039346656037ull;
  EXPECT_EQ(Fnv1a("", kStandardOffset), 0xcbf29ce484222325ull);
  EXPECT_EQ(Fnv1a("a", kStandardOffset), 0xaf63dc4c8601ec8cull);
  EXPECT_EQ(Fnv1a("foobar", kStandardOffset), 0x85944171f73967e8ull);
  // The project's own basis (see kFnvOffset): candidate ids depend on it, so
  // it is pinned here.
  EXPECT_EQ(Fnv1a(""), 1469598103934665603ull);
  EXPECT_EQ(Hex16(Fnv1a("abc")), "e16801510db89efd");  // the example in fnv.h
}

TEST(FnvTest, Hex16IsFixedWidthLowercase) {
  EXPECT_EQ(Hex16(0), "0000000000000000");
  EXPECT_EQ(Hex16(0xdeadbeefull), "00000000deadbeef");
  EXPECT_EQ(Hex16(UINT64_MAX), "ffffffffffffffff");
  EXPECT_EQ(Hex16(0x0123456789abcdefull), "0123456789abcdef");
}

// The aggregator sorts candidates by the hash where it used to sort by the
// id string: the two orders must agree.
TEST(FnvTest, Hex16OrdersAsItsNumber) {
  std::mt19937_64 rng(7);
  for (int i = 0; i < 10000; ++i) {
    uint64_t a = rng(), b = rng();
    if (i % 4 == 0) b = a ^ (uint64_t{1} << (rng() % 64));  // differing in one digit
    EXPECT_EQ(a < b, Hex16(a) < Hex16(b)) << a << " " << b;
  }
}

}  // namespace
}  // namespace rapport
