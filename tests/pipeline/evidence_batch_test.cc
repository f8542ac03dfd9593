#include "pipeline/evidence_batch.h"

#include <gtest/gtest.h>
#include <sys/resource.h>

#include <algorithm>
#include <csignal>
#include <random>
#include <string>
#include <vector>

#include "pipeline/evidence_post.h"
#include "pipeline/evidence_spill.h"
#include "tests/test_files.h"

namespace rapport::pipeline {
namespace {

// Posts of every shape a record keeps: X posts with a derived address, a
// given address, other platforms, no author, empty and long texts (a few past
// the batch's 1 MiB block, so that a record crosses blocks).
std::vector<Post> VariedPosts(size_t n, uint32_t seed) {
  std::mt19937 rng(seed);
  std::vector<Post> posts(n);
  for (size_t i = 0; i < n; ++i) {
    Post& p = posts[i];
    p.platform = i % 5 == 3 ? "bluesky" : "x";
    p.id = std::to_string(1800000000000000000ull + i);
    p.author_username = i % 17 == 0 ? "" : "user_" + std::to_string(rng() % 1000);
    p.created_at = 1777842271 + static_cast<int64_t>(i) * 61;
    if (i % 7 == 0) p.url = "https://example.org/post/" + p.id;
    const size_t size = i % 500 == 250 ? (size_t{3} << 19) + rng() % 1000 : rng() % 400;
    p.text.assign(size, 'a');
    for (char& c : p.text) c = static_cast<char>('a' + rng() % 26);
    if (!p.text.empty()) p.text[0] = static_cast<char>('A' + i % 26);
  }
  return posts;
}

void ExpectSame(const Evidence& got, const Evidence& want, size_t i) {
  EXPECT_EQ(got.id, want.id) << i;
  EXPECT_EQ(got.created_at, want.created_at) << i;
  EXPECT_EQ(got.author_username, want.author_username) << i;
  EXPECT_EQ(got.url, want.url) << i;
  EXPECT_EQ(got.text, want.text) << i;
}

TEST(EvidenceBatchTest, FillsEveryRecordAsToEvidenceDoesInAnyOrder) {
  testing::TempDir dir("evidence-batch");
  // A small buffer: most records are in the file, the last ones still in the buffer.
  auto spill = EvidenceSpill::Create(dir.path().string(), 64 * 1024);
  ASSERT_TRUE(spill.ok());
  const std::vector<Post> posts = VariedPosts(3000, 7);
  std::vector<EvidenceRef> records;
  for (const Post& p : posts) records.push_back(EvidencePost::Of(p, spill->get()));

  // Each record asked for twice (several keys cite one post), in a shuffled order.
  std::vector<size_t> order;
  for (size_t i = 0; i < records.size(); ++i) order.push_back(i), order.push_back(i);
  std::shuffle(order.begin(), order.end(), std::mt19937(11));
  std::vector<Evidence> got(order.size());
  EvidenceBatch batch;
  for (size_t k = 0; k < order.size(); ++k) batch.Add(*records[order[k]], &got[k]);
  EXPECT_EQ(batch.pending(), order.size()) << "every record is spilled: all deferred";
  EXPECT_EQ(got[0].id, posts[order[0]].id) << "id and time are set at once";
  EXPECT_TRUE(got[0].text.empty()) << "the text waits for ReadAll";
  batch.ReadAll(spill->get());
  EXPECT_EQ(batch.pending(), 0u);
  EXPECT_TRUE((*spill)->status().ok()) << (*spill)->status().ToString();
  for (size_t k = 0; k < order.size(); ++k) {
    Evidence want;
    ASSERT_TRUE(records[order[k]]->ToEvidence(spill->get(), &want).ok());
    ExpectSame(got[k], want, k);
    EXPECT_EQ(got[k].text, posts[order[k]].text) << k;
  }
}

TEST(EvidenceBatchTest, BatchesAppendedTogetherAreAllRead) {
  testing::TempDir dir("evidence-batch-append");
  auto spill = EvidenceSpill::Create(dir.path().string(), 4096);
  ASSERT_TRUE(spill.ok());
  const std::vector<Post> posts = VariedPosts(400, 3);
  std::vector<EvidenceRef> records;
  for (const Post& p : posts) records.push_back(EvidencePost::Of(p, spill->get()));
  std::vector<Evidence> got(posts.size());
  EvidenceBatch parts[3];
  for (size_t i = 0; i < posts.size(); ++i) parts[i % 3].Add(*records[i], &got[i]);
  parts[0].Append(std::move(parts[1]));
  parts[0].Append(std::move(parts[2]));
  EXPECT_EQ(parts[1].pending(), 0u);
  EXPECT_EQ(parts[0].pending(), posts.size());
  parts[0].ReadAll(spill->get());
  for (size_t i = 0; i < posts.size(); ++i) EXPECT_EQ(got[i].text, posts[i].text) << i;
}

TEST(EvidenceBatchTest, RecordsInMemoryAreFilledAtOnce) {
  const std::vector<Post> posts = VariedPosts(50, 5);
  EvidenceBatch batch;
  std::vector<Evidence> got(posts.size());
  std::vector<EvidenceRef> records;
  for (const Post& p : posts) records.push_back(EvidencePost::Of(p));
  for (size_t i = 0; i < posts.size(); ++i) batch.Add(*records[i], &got[i]);
  EXPECT_EQ(batch.pending(), 0u);
  for (size_t i = 0; i < posts.size(); ++i) {
    Evidence want;
    ASSERT_TRUE(records[i]->ToEvidence(nullptr, &want).ok());
    ExpectSame(got[i], want, i);
  }
}

TEST(EvidenceBatchTest, WithoutTheSpillSpilledRecordsHaveNoText) {
  testing::TempDir dir("evidence-batch-nospill");
  auto spill = EvidenceSpill::Create(dir.path().string());
  ASSERT_TRUE(spill.ok());
  const std::vector<Post> posts = VariedPosts(3, 9);
  EvidenceRef record = EvidencePost::Of(posts[1], spill->get());
  Evidence got;
  got.text = "stale";
  EvidenceBatch batch;
  batch.Add(*record, &got);
  batch.ReadAll(nullptr);
  EXPECT_EQ(got.id, posts[1].id);
  EXPECT_TRUE(got.text.empty());
  EXPECT_TRUE(got.author_username.empty());
}

// A full disk (a file size limit, as in evidence_spill_test.cc): records
// written before the error are read, those dropped after it are left empty,
// even when both share a block.
// Sets a file size limit (writes past it fail with EFBIG, SIGXFSZ ignored)
// and restores both however the test ends.
class FileSizeLimit {
 public:
  explicit FileSizeLimit(rlim_t bytes) {
    ok_ = getrlimit(RLIMIT_FSIZE, &before_) == 0;
    old_handler_ = std::signal(SIGXFSZ, SIG_IGN);
    rlimit small = before_;
    small.rlim_cur = bytes;
    ok_ = ok_ && setrlimit(RLIMIT_FSIZE, &small) == 0;
  }
  ~FileSizeLimit() {
    setrlimit(RLIMIT_FSIZE, &before_);
    std::signal(SIGXFSZ, old_handler_);
  }
  bool ok() const { return ok_; }

 private:
  rlimit before_{};
  void (*old_handler_)(int) = nullptr;
  bool ok_ = false;
};

TEST(EvidenceBatchTest, AfterAWriteErrorTheRecordsWrittenBeforeItAreStillRead) {
  testing::TempDir dir("evidence-batch-full");
  FileSizeLimit limit(4096);
  ASSERT_TRUE(limit.ok());
  auto spill = EvidenceSpill::Create(dir.path().string(), 1000);
  ASSERT_TRUE(spill.ok());
  std::vector<Post> posts = VariedPosts(12, 13);
  for (Post& p : posts) p.text.assign(600, 'x');  // ~7 KB in all: past the limit
  std::vector<EvidenceRef> records;
  for (const Post& p : posts) records.push_back(EvidencePost::Of(p, spill->get()));
  std::vector<Evidence> got(posts.size());
  EvidenceBatch batch;
  for (size_t i = 0; i < posts.size(); ++i) batch.Add(*records[i], &got[i]);
  batch.ReadAll(spill->get());

  EXPECT_FALSE((*spill)->status().ok()) << "the run fails on it";
  EXPECT_EQ(got[0].text, posts[0].text) << "written before the error";
  EXPECT_TRUE(got.back().text.empty()) << "dropped after it";
  EXPECT_EQ(got.back().id, posts.back().id) << "id and time are not from the spill";
}

}  // namespace
}  // namespace rapport::pipeline
