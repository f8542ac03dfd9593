#include "pipeline/evidence_spill.h"

#include <gtest/gtest.h>
#include <sys/resource.h>

#include <csignal>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include "tests/test_files.h"

namespace rapport::pipeline {
namespace {

std::string ReadBack(const EvidenceSpill& spill, uint64_t at, size_t size) {
  std::string out;
  const Status st = spill.Read(at, size, &out);
  EXPECT_TRUE(st.ok()) << st.ToString();
  return out;
}

TEST(EvidenceSpillTest, ReadsBackWhatWasAppendedWhetherBufferedOrWritten) {
  testing::TempDir dir("spill-roundtrip");
  auto spill = EvidenceSpill::Create(dir.path().string(), 16);  // a 16-byte buffer: most appends flush
  ASSERT_TRUE(spill.ok()) << spill.status().ToString();
  EvidenceSpill& s = **spill;
  const uint64_t a = s.Append({"dana", "", "My dog Rover"});
  const uint64_t b = s.Append({"a longer record than the buffer holds"});
  const uint64_t c = s.Append({"x"});  // still in the buffer
  const uint64_t d = s.Append({});     // nothing: a valid, empty record
  EXPECT_EQ(a, 0u);
  EXPECT_EQ(b, 16u) << "records follow each other";
  EXPECT_EQ(c, b + 37);
  EXPECT_EQ(d, c + 1);
  EXPECT_EQ(s.size(), c + 1);
  EXPECT_EQ(ReadBack(s, a, 16), "danaMy dog Rover");
  EXPECT_EQ(ReadBack(s, b, 37), "a longer record than the buffer holds");
  EXPECT_EQ(ReadBack(s, c, 1), "x");
  EXPECT_EQ(ReadBack(s, a + 4, 2), "My") << "any part of a record";
  EXPECT_EQ(ReadBack(s, d, 0), "");
  EXPECT_TRUE(s.status().ok());
}

TEST(EvidenceSpillTest, TheFileHasNoNameInTheFolder) {
  testing::TempDir dir("spill-unnamed");
  {
    auto spill = EvidenceSpill::Create(dir.path().string(), 8);
    ASSERT_TRUE(spill.ok());
    for (int i = 0; i < 100; ++i) (*spill)->Append({"some evidence text"});
    EXPECT_TRUE(std::filesystem::is_empty(dir.path())) << "nothing to clean up after a crash";
  }
  EXPECT_TRUE(std::filesystem::is_empty(dir.path()));
}

TEST(EvidenceSpillTest, AMissingFolderIsAClearError) {
  testing::TempDir dir("spill-missing");
  const std::string missing = (dir.path() / "no" / "such").string();
  auto spill = EvidenceSpill::Create(missing);
  ASSERT_FALSE(spill.ok());
  EXPECT_EQ(spill.status().code(), Status::Code::kIoError);
  EXPECT_NE(spill.status().message().find(missing), std::string::npos) << spill.status().ToString();
}

TEST(EvidenceSpillTest, ReadIntoSpansRecordsInTheFileAndInTheBuffer) {
  testing::TempDir dir("spill-span");
  auto spill = EvidenceSpill::Create(dir.path().string(), 16);
  ASSERT_TRUE(spill.ok());
  EvidenceSpill& s = **spill;
  std::string all;
  for (int i = 0; i < 10; ++i) {
    const std::string record = "record " + std::to_string(i) + ";";
    s.Append({record});
    all += record;
  }
  ASSERT_EQ(s.size(), all.size());
  std::string back(all.size(), '\0');
  ASSERT_TRUE(s.ReadInto(0, all.size(), back.data()).ok()) << "from the file, then from the buffer";
  EXPECT_EQ(back, all);
  std::string middle(20, '\0');
  ASSERT_TRUE(s.ReadInto(5, 20, middle.data()).ok());
  EXPECT_EQ(middle, all.substr(5, 20));
  EXPECT_FALSE(s.ReadInto(0, all.size() + 1, back.data()).ok()) << "one byte past the end";
}

TEST(EvidenceSpillTest, AReadPastTheEndIsAnErrorThatStays) {
  testing::TempDir dir("spill-past");
  auto spill = EvidenceSpill::Create(dir.path().string(), 4);
  ASSERT_TRUE(spill.ok());
  EvidenceSpill& s = **spill;
  const uint64_t at = s.Append({"abcdef"});
  std::string out = "stale";
  const Status st = s.Read(at, 100, &out);
  EXPECT_FALSE(st.ok());
  EXPECT_EQ(out, "");
  EXPECT_FALSE(s.status().ok()) << "the run sees it after the fact";
  EXPECT_EQ(s.status().message(), st.message());
}

// A full disk, made by a file size limit (the write then fails with EFBIG
// instead of the process getting SIGXFSZ). Each test runs in its own process
// under ctest; the limit and the signal are restored anyway.
TEST(EvidenceSpillTest, AFailedWriteIsKeptAndLaterAppendsAreDropped) {
  testing::TempDir dir("spill-full");
  rlimit before{};
  ASSERT_EQ(getrlimit(RLIMIT_FSIZE, &before), 0);
  auto* old_handler = std::signal(SIGXFSZ, SIG_IGN);
  rlimit small = before;
  small.rlim_cur = 4096;
  ASSERT_EQ(setrlimit(RLIMIT_FSIZE, &small), 0);
  auto spill = EvidenceSpill::Create(dir.path().string(), 1000);
  ASSERT_TRUE(spill.ok());
  EvidenceSpill& s = **spill;
  const std::string record(900, 'e');
  std::vector<uint64_t> at;
  for (int i = 0; i < 8; ++i) at.push_back(s.Append({record}));  // ~7 KB: past the limit
  const Status failed = s.status();
  const uint64_t dropped = s.Append({"after the error"});
  std::string back;
  const Status first = s.Read(at[0], record.size(), &back);
  const std::string first_back = back;
  const Status after = s.Read(dropped, 15, &back);
  ASSERT_EQ(setrlimit(RLIMIT_FSIZE, &before), 0);
  std::signal(SIGXFSZ, old_handler);

  EXPECT_FALSE(failed.ok()) << "the write past the limit fails";
  EXPECT_EQ(failed.code(), Status::Code::kIoError);
  EXPECT_NE(failed.message().find("write"), std::string::npos) << failed.ToString();
  EXPECT_NE(failed.message().find(dir.path().string()), std::string::npos) << "names the folder: " << failed.ToString();
  EXPECT_TRUE(first.ok()) << "bytes written before the error stay readable";
  EXPECT_EQ(first_back, record);
  EXPECT_FALSE(after.ok()) << "an append after the error is dropped, and reading it says so";
  EXPECT_EQ(s.status().message(), failed.message()) << "the first error is the one kept";
}

TEST(EvidenceSpillTest, ConcurrentAppendsAndReadsKeepEveryRecordWhole) {
  testing::TempDir dir("spill-threads");
  auto spill = EvidenceSpill::Create(dir.path().string(), 256);
  ASSERT_TRUE(spill.ok());
  EvidenceSpill& s = **spill;
  constexpr int kThreads = 4, kEach = 2000;
  std::vector<std::vector<uint64_t>> where(kThreads);
  std::vector<int> bad(kThreads, 0);
  auto record = [](int t, int i) { return "thread " + std::to_string(t) + " record " + std::to_string(i) + ";"; };
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t)
    threads.emplace_back([&, t] {
      for (int i = 0; i < kEach; ++i) {
        const std::string r = record(t, i);
        where[t].push_back(s.Append({r.substr(0, 7), r.substr(7)}));
        // Reads interleave with the other threads' appends and flushes.
        if (i % 7 == 0) {
          const int j = i / 2;
          std::string back;
          if (!s.Read(where[t][j], record(t, j).size(), &back).ok() || back != record(t, j)) ++bad[t];
        }
      }
    });
  for (std::thread& th : threads) th.join();
  for (int t = 0; t < kThreads; ++t) {
    EXPECT_EQ(bad[t], 0) << "thread " << t;
    for (int i = 0; i < kEach; ++i) ASSERT_EQ(ReadBack(s, where[t][i], record(t, i).size()), record(t, i));
  }
  EXPECT_TRUE(s.status().ok());
}

}  // namespace
}  // namespace rapport::pipeline
