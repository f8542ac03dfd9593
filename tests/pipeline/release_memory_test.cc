// ReleaseFreedMemory in a binary without jemalloc (the test binaries link only
// the libraries): it falls back to glibc's malloc_trim. The `rapport` binary's
// side (jemalloc) is checked end to end in RunTest.
#include "pipeline/internal/release_memory.h"

#include <memory>
#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace rapport::pipeline::internal {
namespace {

TEST(ReleaseMemoryTest, WithoutJemallocItIsGlibcsTrim) {
  EXPECT_EQ(std::string(AllocatorName()), "glibc");
  // Something freed to hand back; the call must leave the heap usable.
  auto blocks = std::make_unique<std::vector<std::string>>();
  for (int i = 0; i < 10000; ++i) blocks->emplace_back(100, 'x');
  blocks.reset();
  EXPECT_EQ(std::string(ReleaseFreedMemory()), "glibc");
  std::vector<std::string> again(1000, std::string(100, 'y'));
  EXPECT_EQ(again.back(), std::string(100, 'y'));
}

}  // namespace
}  // namespace rapport::pipeline::internal
