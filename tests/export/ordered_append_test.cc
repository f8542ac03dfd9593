#include "pipeline/export/ordered_append.h"

#include <atomic>
#include <filesystem>
#include <string>

#include <gtest/gtest.h>
#include <tbb/task_arena.h>

#include "tests/test_files.h"

namespace rapport::pipeline {
namespace {

namespace fs = std::filesystem;
using testing::ReadFile;
using testing::TempDir;

// Item i's text: its number, and a length that varies with i, so that a block
// out of place or cut short changes the file.
void Format(size_t i, std::string* out) {
  out->append(std::to_string(i));
  out->append(i % 7, 'x');
  out->push_back('\n');
}

class OrderedAppendTest : public ::testing::Test {
 protected:
  TempDir dir_{"ordered-" + std::string(::testing::UnitTest::GetInstance()->current_test_info()->name())};
};

TEST_F(OrderedAppendTest, FileIsTheItemsInOrderAtAnyThreadCountAndBlockSize) {
  const size_t n = 10007;  // not a multiple of any block size below
  std::string expected = "head\n";
  for (size_t i = 0; i < n; ++i) Format(i, &expected);
  for (int threads : {1, 2, 4}) {
    for (size_t block : {size_t{1}, size_t{3}, size_t{64}, size_t{100000}}) {
      const fs::path path = dir_.path() / ("out-" + std::to_string(threads) + "-" + std::to_string(block));
      tbb::task_arena arena(threads);
      Status st;
      arena.execute([&] {
        AtomicFile file(path.string());
        st = file.Open();
        if (st.ok()) st = file.Append("head\n");
        if (st.ok()) st = AppendInOrder(&file, n, block, Format);
        if (st.ok()) st = file.Commit();
      });
      ASSERT_TRUE(st.ok()) << st.ToString();
      EXPECT_EQ(ReadFile(path), expected) << threads << " threads, blocks of " << block;
    }
  }
}

TEST_F(OrderedAppendTest, NoItemsAppendNothing) {
  const fs::path path = dir_.path() / "empty";
  AtomicFile file(path.string());
  ASSERT_TRUE(file.Open().ok());
  int calls = 0;
  EXPECT_TRUE(AppendInOrder(&file, 0, 8, [&](size_t, std::string*) { ++calls; }).ok());
  ASSERT_TRUE(file.Commit().ok());
  EXPECT_EQ(calls, 0);
  EXPECT_EQ(ReadFile(path), "");
}

TEST_F(OrderedAppendTest, AWriteErrorIsReturnedAndStopsTheFormatting) {
  AtomicFile file((dir_.path() / "never-opened").string());  // every Append fails
  std::atomic<size_t> formatted{0};
  const size_t n = 1000000;
  Status st = AppendInOrder(&file, n, 10, [&](size_t i, std::string* out) {
    formatted.fetch_add(1, std::memory_order_relaxed);
    Format(i, out);
  });
  EXPECT_FALSE(st.ok());
  EXPECT_NE(st.ToString().find("not open"), std::string::npos) << st.ToString();
  // Only the blocks already in flight when the first append failed were formatted.
  EXPECT_LT(formatted.load(), n / 10);
}

}  // namespace
}  // namespace rapport::pipeline
