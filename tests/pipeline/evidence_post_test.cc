#include "pipeline/evidence_post.h"

#include <gtest/gtest.h>

#include <string>

#include "pipeline/post_parser.h"

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

TEST(EvidencePostTest, KeepsWhatExportNeedsAndDerivesTheRest) {
  const Post p = XPost();
  EvidenceRef e = EvidencePost::Of(p);
  ASSERT_TRUE(e);
  EXPECT_EQ(e->id(), p.id);
  EXPECT_EQ(e->author_username(), "dana_rios");
  EXPECT_EQ(e->text(), p.text);
  EXPECT_EQ(e->ts(), p.created_at);
  EXPECT_EQ(e->Url(), PostUrl(p));
  EXPECT_EQ(e->Url(), "https://x.com/dana_rios/status/1800000000000000001");
  EXPECT_EQ(e->CreatedAt(), "2026-05-03T21:04:31Z");
}

TEST(EvidencePostTest, AnAddressNotOfTheXFormIsKeptAsGiven) {
  Post p = XPost();
  p.platform = "mastodon";
  p.url = "https://mastodon.social/@dana/113";
  EvidenceRef e = EvidencePost::Of(p);
  EXPECT_EQ(e->Url(), "https://mastodon.social/@dana/113");
  EXPECT_EQ(e->text(), p.text) << "the address sits between the author and the text";
  EXPECT_EQ(e->author_username(), "dana_rios");
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
    EXPECT_EQ(EvidencePost::Of(p)->Url(), PostUrl(p)) << p.platform << " " << p.url;
  EXPECT_EQ(EvidencePost::Of(bluesky)->Url(), "");
  EXPECT_EQ(EvidencePost::Of(anonymous)->Url(), "https://x.com/i/web/status/1800000000000000001");
}

TEST(EvidencePostTest, EmptyFieldsStayEmpty) {
  Post p;
  EvidenceRef e = EvidencePost::Of(p);
  EXPECT_EQ(e->id(), "");
  EXPECT_EQ(e->text(), "");
  EXPECT_EQ(e->Url(), PostUrl(p));
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

}  // namespace
}  // namespace rapport::pipeline
