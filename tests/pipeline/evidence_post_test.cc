#include "pipeline/evidence_post.h"

#include <gtest/gtest.h>

#include <string>

#include "pipeline/evidence_spill.h"
#include "pipeline/post_parser.h"
#include "tests/test_files.h"

namespace rapport::pipeline {
namespace {

Post XPost() {
  Post p;
  p.id = "1800000000000000001";
  p.author_username = "dana_rios";
  p.text = "My dog Rover turned 9 today \xF0\x9F\x90\xB6";
  p.created_at = 1777842271;
  return p;
}

// What export shows of a record kept in memory.
Evidence Shown(const EvidenceRef& e) {
  Evidence out;
  EXPECT_TRUE(e->ToEvidence(nullptr, &out).ok());
  return out;
}

TEST(EvidencePostTest, KeepsWhatExportNeedsAndDerivesTheRest) {
  const Post p = XPost();
  EvidenceRef e = EvidencePost::Of(p);
  ASSERT_TRUE(e);
  EXPECT_EQ(e->id(), p.id);
  EXPECT_EQ(e->ts(), p.created_at);
  EXPECT_FALSE(e->spilled());
  const Evidence shown = Shown(e);
  EXPECT_EQ(shown.id, p.id);
  EXPECT_EQ(shown.author_username, "dana_rios");
  EXPECT_EQ(shown.text, p.text);
  EXPECT_EQ(shown.url, PostUrl(p));
  EXPECT_EQ(shown.url, "https://x.com/dana_rios/status/1800000000000000001");
  EXPECT_EQ(shown.created_at, "2026-05-03T21:04:31Z");
}

TEST(EvidencePostTest, AnAddressNotOfTheXFormIsKeptAsGiven) {
  Post p = XPost();
  p.platform = "mastodon";
  p.url = "https://mastodon.social/@dana/113";
  const Evidence shown = Shown(EvidencePost::Of(p));
  EXPECT_EQ(shown.url, "https://mastodon.social/@dana/113");
  EXPECT_EQ(shown.text, p.text) << "the address sits between the author and the text";
  EXPECT_EQ(shown.author_username, "dana_rios");
}

TEST(EvidencePostTest, AddressIsPostUrlsOnEveryPlatform) {
  Post bluesky = XPost();
  bluesky.platform = "bluesky";  // no address given: none is made up
  Post anonymous = XPost();
  anonymous.author_username.clear();  // X's address without a handle
  Post given_x_form = XPost();
  given_x_form.url = "https://x.com/dana_rios/status/1800000000000000001";
  Post given_other = XPost();
  given_other.url = "https://twitter.com/dana_rios/status/1800000000000000001";
  for (const Post& p : {bluesky, anonymous, given_x_form, given_other})
    EXPECT_EQ(Shown(EvidencePost::Of(p)).url, PostUrl(p)) << p.platform << " " << p.url;
  EXPECT_EQ(Shown(EvidencePost::Of(bluesky)).url, "");
  EXPECT_EQ(Shown(EvidencePost::Of(anonymous)).url, "https://x.com/i/web/status/1800000000000000001");
}

TEST(EvidencePostTest, EmptyFieldsStayEmpty) {
  Post p;
  EvidenceRef e = EvidencePost::Of(p);
  EXPECT_EQ(e->id(), "");
  EXPECT_EQ(Shown(e).text, "");
  EXPECT_EQ(Shown(e).url, PostUrl(p));
}

TEST(EvidencePostTest, ReferencesShareOneRecord) {
  EvidenceRef a = EvidencePost::Of(XPost());
  EvidenceRef b = a;            // copy: same record
  EvidenceRef c = std::move(b);  // move: b is empty now
  EXPECT_EQ(a.get(), c.get());
  EXPECT_FALSE(b);  // NOLINT(bugprone-use-after-move): a moved-from reference is empty by contract
  a = EvidenceRef();
  EXPECT_EQ(c->id(), "1800000000000000001") << "still alive through c";
}

TEST(EvidencePostTest, ASpilledRecordShowsWhatAnInMemoryOneShows) {
  testing::TempDir dir("evidence-post-spill");
  auto spill = EvidenceSpill::Create(dir.path().string(), 64);  // small: most records are read from the file
  ASSERT_TRUE(spill.ok()) << spill.status().ToString();
  Post mastodon = XPost();
  mastodon.platform = "mastodon";
  mastodon.url = "https://mastodon.social/@dana/113";
  Post long_text = XPost();
  long_text.id = "1800000000000000002";
  long_text.text = std::string(300, 'x') + " \xC3\xA9t\xC3\xA9";
  Post anonymous = XPost();
  anonymous.author_username.clear();
  std::vector<EvidenceRef> spilled;
  const std::vector<Post> posts = {XPost(), mastodon, long_text, anonymous, Post()};
  for (const Post& p : posts) spilled.push_back(EvidencePost::Of(p, spill->get()));
  for (size_t i = 0; i < posts.size(); ++i) {
    SCOPED_TRACE(i);
    EXPECT_TRUE(spilled[i]->spilled());
    EXPECT_EQ(spilled[i]->id(), posts[i].id) << "the id stays in memory";
    EXPECT_EQ(spilled[i]->ts(), posts[i].created_at);
    Evidence from_file;
    ASSERT_TRUE(spilled[i]->ToEvidence(spill->get(), &from_file).ok());
    const Evidence in_memory = Shown(EvidencePost::Of(posts[i]));
    EXPECT_EQ(from_file.id, in_memory.id);
    EXPECT_EQ(from_file.url, in_memory.url);
    EXPECT_EQ(from_file.created_at, in_memory.created_at);
    EXPECT_EQ(from_file.text, in_memory.text);
    EXPECT_EQ(from_file.author_username, in_memory.author_username);
  }
  EXPECT_TRUE((*spill)->status().ok());
}

TEST(EvidencePostTest, ASpilledRecordWithoutItsSpillIsAnErrorNotAnEmptyPost) {
  testing::TempDir dir("evidence-post-nospill");
  auto spill = EvidenceSpill::Create(dir.path().string());
  ASSERT_TRUE(spill.ok());
  EvidenceRef e = EvidencePost::Of(XPost(), spill->get());
  Evidence out;
  out.text = "stale";
  const Status st = e->ToEvidence(nullptr, &out);
  EXPECT_FALSE(st.ok());
  EXPECT_NE(st.message().find("1800000000000000001"), std::string::npos) << st.ToString();
  EXPECT_EQ(out.id, "1800000000000000001");
  EXPECT_EQ(out.text, "") << "no text from an earlier post is left behind";
}

}  // namespace
}  // namespace rapport::pipeline
