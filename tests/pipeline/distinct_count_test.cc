#include "pipeline/internal/distinct_count.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <memory_resource>
#include <random>
#include <vector>

#include "base/fnv.h"

namespace rapport::pipeline::internal {
namespace {

// Counts the bytes a pool takes from upstream, and still holds.
class CountingResource : public std::pmr::memory_resource {
 public:
  size_t live() const { return live_; }
  size_t peak() const { return peak_; }

 private:
  void* do_allocate(size_t bytes, size_t align) override {
    live_ += bytes;
    peak_ = std::max(peak_, live_);
    return std::pmr::new_delete_resource()->allocate(bytes, align);
  }
  void do_deallocate(void* p, size_t bytes, size_t align) override {
    live_ -= bytes;
    std::pmr::new_delete_resource()->deallocate(p, bytes, align);
  }
  bool do_is_equal(const std::pmr::memory_resource& o) const noexcept override { return this == &o; }
  size_t live_ = 0, peak_ = 0;
};

// Hashes as the tables make them: FNV-1a of a conversation id.
uint32_t ConversationHash(uint64_t i) { return Fnv1a32("1900000000000" + std::to_string(i)); }

TEST(DistinctCountTest, ExactUpToTheLimitWhateverTheRepeats) {
  Pool pool;
  DistinctCount c;
  EXPECT_EQ(c.size(), 0u);
  for (uint32_t round = 0; round < 3; ++round)
    for (uint32_t i = 0; i < DistinctCount::kExact; ++i) {
      c.Insert(&pool, ConversationHash(i));
      EXPECT_EQ(c.size(), round == 0 ? i + 1 : DistinctCount::kExact);
    }
  EXPECT_TRUE(c.exact());
  // Values that differ in their low bits only, and 0, are values like any other.
  DistinctCount d;
  for (uint32_t v : {0u, 1u, 2u, 3u, 1u, 0u}) d.Insert(&pool, v);
  EXPECT_EQ(d.size(), 4u);
  c.Release(&pool);
  d.Release(&pool);
}

TEST(DistinctCountTest, PastTheLimitAnEstimateWithinItsErrorAndNeverBelowIt) {
  Pool pool;
  for (uint32_t n : {DistinctCount::kExact + 1, 2 * DistinctCount::kExact, 50u, 100u, 300u, 600u, 1500u}) {
    // Over 200 different sets of n: the mean relative error is small, and
    // each one is within 4 standard errors of linear counting.
    const double m = DistinctCount::kBits, t = n / m;
    const double se = std::sqrt(m * (std::exp(t) - t - 1)) / n;
    double sum_error = 0;
    for (uint64_t set = 0; set < 200; ++set) {
      DistinctCount c;
      for (uint32_t i = 0; i < n; ++i) c.Insert(&pool, ConversationHash(set * 100000 + i));
      ASSERT_FALSE(c.exact()) << n;
      ASSERT_GE(c.size(), DistinctCount::kExact + 1) << n;
      const double error = (static_cast<double>(c.size()) - n) / n;
      ASSERT_LE(std::abs(error), 4 * se + 0.5 / n) << "n " << n << " set " << set << " size " << c.size();
      sum_error += error;
      c.Release(&pool);
    }
    EXPECT_LE(std::abs(sum_error / 200), se) << n;  // no bias beyond one standard error
  }
}

TEST(DistinctCountTest, RepeatsDoNotMoveTheEstimate) {
  Pool pool;
  DistinctCount c;
  for (uint32_t i = 0; i < 100; ++i) c.Insert(&pool, ConversationHash(i));
  const uint32_t before = c.size();
  for (uint32_t round = 0; round < 5; ++round)
    for (uint32_t i = 0; i < 100; ++i) c.Insert(&pool, ConversationHash(i));
  EXPECT_EQ(c.size(), before);
  c.Release(&pool);
}

TEST(DistinctCountTest, MergeCountsTheUnion) {
  Pool pool;
  // Exact and exact, within the limit: exact union.
  DistinctCount a, b;
  for (uint32_t i : {1u, 2u, 3u}) a.Insert(&pool, ConversationHash(i));
  for (uint32_t i : {3u, 4u}) b.Insert(&pool, ConversationHash(i));
  a.Merge(&pool, b);
  EXPECT_TRUE(a.exact());
  EXPECT_EQ(a.size(), 4u);
  EXPECT_EQ(b.size(), 2u);  // the source is unchanged

  // Whatever the modes, merging gives what inserting everything into one gives.
  for (auto [na, nb] : {std::pair{5u, 6u}, {40u, 3u}, {3u, 40u}, {50u, 70u}}) {
    DistinctCount x, y, all;
    for (uint32_t i = 0; i < na; ++i) x.Insert(&pool, ConversationHash(i)), all.Insert(&pool, ConversationHash(i));
    for (uint32_t i = 0; i < nb; ++i)  // half of them shared with x
      y.Insert(&pool, ConversationHash(i % 2 ? i : 1000 + i)), all.Insert(&pool, ConversationHash(i % 2 ? i : 1000 + i));
    x.Merge(&pool, y);
    EXPECT_EQ(x.size(), all.size()) << na << "+" << nb;
    EXPECT_EQ(x.exact(), all.exact()) << na << "+" << nb;
    x.Release(&pool), y.Release(&pool), all.Release(&pool);
  }
  a.Release(&pool);
  b.Release(&pool);
}

TEST(DistinctCountTest, MergeIntoAnEmptyOneCopies) {
  Pool pool;
  DistinctCount from, to;
  for (uint32_t i = 0; i < 30; ++i) from.Insert(&pool, ConversationHash(i));
  to.Merge(&pool, from);
  EXPECT_EQ(to.size(), from.size());
  // Independent storage: growing one leaves the other.
  const uint32_t was = from.size();
  for (uint32_t i = 100; i < 200; ++i) to.Insert(&pool, ConversationHash(i));
  EXPECT_EQ(from.size(), was);
  EXPECT_GT(to.size(), was);
  from.Release(&pool);
  to.Release(&pool);
}

TEST(DistinctCountTest, SaturatesInsteadOfOverflowing) {
  Pool pool;
  DistinctCount c;
  for (uint32_t i = 0; i < 200000; ++i) c.Insert(&pool, ConversationHash(i));
  const uint32_t saturated = c.size();
  EXPECT_GE(saturated, 2000u);
  EXPECT_LE(saturated, 200000u);
  c.Insert(&pool, ConversationHash(999999999));
  EXPECT_EQ(c.size(), saturated);
  c.Release(&pool);
}

TEST(DistinctCountTest, MemoryStaysBoundedWhateverTheCount) {
  CountingResource upstream;
  {
    // Default pool options: the blocks it takes from upstream are what grows.
    Pool pool(&upstream);
    std::vector<DistinctCount> counts(1000);
    size_t after_exact = 0;
    for (uint32_t i = 0; i < 5000; ++i) {
      for (size_t k = 0; k < counts.size(); ++k) counts[k].Insert(&pool, ConversationHash(k * 1000000 + i));
      if (i + 1 == DistinctCount::kExact) after_exact = upstream.live();
    }
    // 5,000 values each did not take more than the exact limit's room did.
    EXPECT_LE(upstream.live(), after_exact);
    for (DistinctCount& c : counts) c.Release(&pool);
  }
  EXPECT_EQ(upstream.live(), 0u);
}

}  // namespace
}  // namespace rapport::pipeline::internal
