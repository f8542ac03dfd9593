#include "pipeline/internal/intern_table.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "base/fnv.h"

namespace rapport::pipeline::internal {
namespace {

TEST(InternTableTest, OneCopyPerDistinctStringAcrossGrowth) {
  Pool pool;
  InternTable names(&pool);
  std::vector<std::string> keys;
  for (int i = 0; i < 5000; ++i) keys.push_back("topic|chess " + std::to_string(i));
  std::vector<const char*> first;
  for (const std::string& k : keys) first.push_back(names.Intern(k, Fnv1a32(k)));
  EXPECT_EQ(names.size(), keys.size());
  for (size_t i = 0; i < keys.size(); ++i) {
    ASSERT_EQ(names.Intern(keys[i], Fnv1a32(keys[i])), first[i]) << keys[i] << ": the same copy after growth";
    ASSERT_EQ(std::string(first[i], keys[i].size()), keys[i]);
    ASSERT_NE(first[i], keys[i].data()) << "a copy, not the caller's bytes";
  }
  EXPECT_EQ(names.size(), keys.size());
}

TEST(InternTableTest, EqualHashesDoNotMakeDifferentStringsOne) {
  Pool pool;
  InternTable names(&pool);
  // Every string with the same hash: only the bytes tell them apart.
  const char* a = names.Intern("topic|golf", 7);
  const char* b = names.Intern("topic|gold", 7);
  const char* c = names.Intern("topic|gol", 7);  // a prefix, one byte shorter
  const char* empty = names.Intern("", 7);
  EXPECT_NE(a, b);
  EXPECT_NE(a, c);
  EXPECT_NE(b, c);
  EXPECT_EQ(names.size(), 4u);
  EXPECT_EQ(names.Intern("topic|gold", 7), b);
  EXPECT_EQ(names.Intern("", 7), empty);
  EXPECT_EQ(std::string(c, 9), "topic|gol");
}

TEST(InternTableTest, ClearForgetsEverything) {
  Pool pool;
  InternTable names(&pool);
  names.Intern("topic|chess", 1);
  names.Clear();
  EXPECT_EQ(names.size(), 0u);
  names.Intern("topic|chess", 1);
  EXPECT_EQ(names.size(), 1u) << "usable again after Clear";
}

}  // namespace
}  // namespace rapport::pipeline::internal
