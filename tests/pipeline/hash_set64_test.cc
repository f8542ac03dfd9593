#include "pipeline/internal/hash_set64.h"

#include <gtest/gtest.h>

namespace rapport::pipeline::internal {
namespace {

TEST(HashSet64Test, InsertTellsNewFromSeen) {
  HashSet64 set;
  EXPECT_TRUE(set.Insert(42));
  EXPECT_FALSE(set.Insert(42));
  EXPECT_TRUE(set.Insert(43));
  EXPECT_EQ(set.size(), 2u);
}

TEST(HashSet64Test, KeepsEveryEntryAcrossGrowth) {
  HashSet64 set;
  // Multiples of 1024 all fall into one slot without the bit mixing.
  for (uint64_t i = 1; i <= 100000; ++i) ASSERT_TRUE(set.Insert(i * 1024)) << i;
  for (uint64_t i = 1; i <= 100000; ++i) ASSERT_FALSE(set.Insert(i * 1024)) << i;
  EXPECT_EQ(set.size(), 100000u);
}

TEST(HashSet64Test, ZeroIsAValueLikeAnyOther) {
  HashSet64 set;
  EXPECT_TRUE(set.Insert(0));
  EXPECT_FALSE(set.Insert(0));
  // 0 marks an empty slot inside: it must not stand in for another value.
  EXPECT_TRUE(set.Insert(1));
  EXPECT_FALSE(set.Insert(1));
  EXPECT_FALSE(set.Insert(0));
  EXPECT_EQ(set.size(), 2u);
}

}  // namespace
}  // namespace rapport::pipeline::internal
