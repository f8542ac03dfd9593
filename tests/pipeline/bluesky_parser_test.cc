// Bluesky AppView responses through PostParser (pipeline/internal/bluesky_parser.cc).
#include <gtest/gtest.h>

#include <string>

#include "pipeline/internal/platform_parsers.h"
#include "pipeline/post_parser.h"
#include "tests/pipeline/test_util.h"

namespace rapport::pipeline {
namespace {

using testing::Doc;

const std::string kDir = std::string(RAPPORT_TEST_DATA_DIR) + "/pipeline/bluesky/";
constexpr const char* kAlice = "did:plc:alice111111111111111111";
constexpr const char* kBob = "did:plc:bob2222222222222222222";

connectors::RawDoc BlueskyDoc(std::string json, std::string platform = "bluesky") {
  connectors::RawDoc doc = Doc(std::move(json), "feed.json", 1);
  doc.platform = std::move(platform);
  return doc;
}

const Post* Find(const ParsedDoc& out, const std::string& rkey) {
  for (const Post& p : out.posts)
    if (p.id.size() >= rkey.size() && p.id.compare(p.id.size() - rkey.size(), rkey.size(), rkey) == 0) return &p;
  return nullptr;
}

TEST(BlueskyParserTest, AuthorFeedPostsRepliesRepostsAndHydratedParents) {
  PostParser parser;
  ParsedDoc out;
  parser.Parse(BlueskyDoc(testing::ReadFile(kDir + "author_feed.json")), &out);
  EXPECT_TRUE(out.rejected.empty()) << out.rejected[0].reason;
  EXPECT_TRUE(out.api_errors.empty());
  // 4 feed items + Bob's root (hydrated as both reply root and parent: once).
  ASSERT_EQ(out.posts.size(), 5u);
  const Post* reply = Find(out, "/3alicereply");
  ASSERT_NE(reply, nullptr);
  EXPECT_EQ(reply->platform, "bluesky");
  EXPECT_EQ(reply->id, std::string("at://") + kAlice + "/app.bsky.feed.post/3alicereply");
  EXPECT_EQ(reply->author_id, kAlice);
  EXPECT_EQ(reply->author_username, "alice.bsky.social");
  EXPECT_EQ(reply->author_name, "Alice Ames");
  EXPECT_EQ(FormatTimestamp(reply->created_at), "2025-05-05T01:30:17Z");
  EXPECT_EQ(reply->lang, "en");
  EXPECT_EQ(reply->text,
            "@bob.example.com count me in! My dog Rover will cheer \xF0\x9F\x90\x95 #climbing https://example.org/gym");
  const std::string bob_root = std::string("at://") + kBob + "/app.bsky.feed.post/3bobroot";
  EXPECT_EQ(reply->conversation_id, bob_root);
  EXPECT_EQ(reply->reply_to_post_id, bob_root);
  EXPECT_EQ(reply->reply_to_user_id, kBob);
  ASSERT_EQ(reply->mentions.size(), 1u);
  EXPECT_EQ(reply->mentions[0].id, kBob);
  EXPECT_EQ(reply->mentions[0].username, "bob.example.com") << "handle read from the facet's byte range";
  EXPECT_EQ(reply->hashtags, std::vector<std::string>{"climbing"});
  EXPECT_EQ(reply->urls, std::vector<std::string>{"https://example.org/gym"});
  EXPECT_EQ(reply->url, "https://bsky.app/profile/alice.bsky.social/post/3alicereply");
  EXPECT_FALSE(reply->is_repost);
  EXPECT_EQ(reply->origin, "feed.json:1#1");

  const Post* root = Find(out, "/3bobroot");
  ASSERT_NE(root, nullptr);
  EXPECT_EQ(root->author_username, "bob.example.com");
  EXPECT_EQ(root->conversation_id, bob_root);
  EXPECT_TRUE(root->reply_to_post_id.empty());
  EXPECT_EQ(FormatTimestamp(root->created_at), "2025-05-03T14:06:22Z") << "microsecond createdAt";

  const Post* repost = Find(out, "/3carolpost");
  ASSERT_NE(repost, nullptr);
  EXPECT_TRUE(repost->is_repost);
  EXPECT_EQ(repost->author_username, "carol.bsky.social");

  const Post* own = Find(out, "/3aliceroot");
  ASSERT_NE(own, nullptr);
  EXPECT_EQ(own->conversation_id, own->id) << "a root post is its own conversation";
  EXPECT_EQ(own->urls, std::vector<std::string>{"https://example.org/race"}) << "external embed";

  const Post* orphan = Find(out, "/3aliceorphan");
  ASSERT_NE(orphan, nullptr) << "a reply to a deleted post is kept; the notFound parent is not a post";
  EXPECT_EQ(orphan->reply_to_user_id, "did:plc:gone");
  EXPECT_TRUE(orphan->lang.empty());
}

TEST(BlueskyParserTest, RecognisedByContentWithoutPlatformHint) {
  PostParser parser;
  ParsedDoc hinted, sniffed;
  std::string json = testing::ReadFile(kDir + "author_feed.json");
  parser.Parse(BlueskyDoc(json), &hinted);
  parser.Parse(BlueskyDoc(json, ""), &sniffed);
  ASSERT_EQ(sniffed.posts.size(), hinted.posts.size());
  for (size_t i = 0; i < hinted.posts.size(); ++i) {
    EXPECT_EQ(sniffed.posts[i].id, hinted.posts[i].id);
    EXPECT_EQ(sniffed.posts[i].platform, "bluesky");
  }
  EXPECT_TRUE(internal::LooksLikeBluesky(json));
  EXPECT_TRUE(internal::LooksLikeBluesky(testing::ReadFile(kDir + "post_thread.json")));
  EXPECT_TRUE(internal::LooksLikeBluesky(R"({"posts":[{"uri":"at://did:plc:x/app.bsky.feed.post/1"}]})"));
  EXPECT_FALSE(internal::LooksLikeBluesky(R"({"data":[{"id":"1","text":"feed me at://x"}],"feed":[]})"));
  EXPECT_FALSE(internal::LooksLikeBluesky(R"([{"id":"1","content":"<p>hi</p>","account":{}}])"));
  EXPECT_FALSE(internal::LooksLikeBluesky(R"({"feed":[]})")) << "nothing to tell it by";
  EXPECT_FALSE(internal::LooksLikeBluesky("<html>"));
}

TEST(BlueskyParserTest, PostThreadWalksParentsAndNestedReplies) {
  PostParser parser;
  ParsedDoc out;
  parser.Parse(BlueskyDoc(testing::ReadFile(kDir + "post_thread.json")), &out);
  EXPECT_TRUE(out.rejected.empty());
  ASSERT_EQ(out.posts.size(), 4u);
  const std::string root = std::string("at://") + kAlice + "/app.bsky.feed.post/3aliceroot";
  EXPECT_EQ(out.posts[0].id, root);
  for (const Post& p : out.posts) EXPECT_EQ(p.conversation_id, root) << p.id;
  const Post* nested = Find(out, "/3alicer11");
  ASSERT_NE(nested, nullptr);
  EXPECT_EQ(nested->reply_to_user_id, kBob);
  EXPECT_EQ(nested->text, "The Riverside 10k, my sister Jane is running too");
  EXPECT_EQ(Find(out, "/3carolr2")->text, "Good luck!! \xE2\x9C\xA8");
}

TEST(BlueskyParserTest, BadRecordIsRejectedAloneWithItsBytes) {
  const std::string good =
      R"({"uri":"at://did:plc:a/app.bsky.feed.post/1","author":{"did":"did:plc:a","handle":"a.test"},)"
      R"("record":{"createdAt":"2025-01-01T00:00:00Z","text":"ok"},"indexedAt":"2025-01-01T00:00:01Z"})";
  const std::string undated =
      R"({"uri":"at://did:plc:a/app.bsky.feed.post/2","author":{"did":"did:plc:a","handle":"a.test"},)"
      R"("record":{"text":"no date"}})";
  const std::string wrong_type =
      R"({"uri":"at://did:plc:a/app.bsky.feed.post/3","author":{"did":"did:plc:a"},"record":{"text":42}})";
  PostParser parser;
  ParsedDoc out;
  parser.Parse(BlueskyDoc(R"({"feed":[{"post":)" + good + R"(},{"post":)" + undated + R"(},{"post":)" +
                          wrong_type + R"(}],"cursor":"c"})"),
               &out);
  ASSERT_EQ(out.posts.size(), 1u);
  EXPECT_EQ(out.posts[0].text, "ok");
  ASSERT_EQ(out.rejected.size(), 2u);
  EXPECT_EQ(out.rejected[0].reason, "missing createdAt");
  EXPECT_EQ(out.rejected[0].raw, undated);
  EXPECT_EQ(out.rejected[0].origin, "feed.json:1#2");
  EXPECT_EQ(out.rejected[1].reason.rfind("bad field type", 0), 0u) << out.rejected[1].reason;
  EXPECT_EQ(out.rejected[1].raw, wrong_type);
}

TEST(BlueskyParserTest, TruncatedOrNonJsonPageIsRejectedWhole) {
  std::string json = testing::ReadFile(kDir + "author_feed.json");
  PostParser parser;
  ParsedDoc out;
  parser.Parse(BlueskyDoc(json.substr(0, json.size() / 2)), &out);
  parser.Parse(BlueskyDoc("<!DOCTYPE html><html><body>Bad gateway</body></html>"), &out);
  parser.Parse(BlueskyDoc(R"([{"uri":"at://x"}])"), &out);
  EXPECT_TRUE(out.posts.empty());
  ASSERT_EQ(out.rejected.size(), 3u);
  EXPECT_EQ(out.rejected[0].reason.rfind("invalid JSON (truncated?)", 0), 0u) << out.rejected[0].reason;
  EXPECT_EQ(out.rejected[0].raw, json.substr(0, json.size() / 2));
  EXPECT_EQ(out.rejected[1].reason.rfind("invalid JSON", 0), 0u) << out.rejected[1].reason;
  EXPECT_EQ(out.rejected[2].reason, "not a Bluesky response: the top level is not an object");
}

TEST(BlueskyParserTest, XrpcErrorBodyIsAnApiError) {
  PostParser parser;
  ParsedDoc out;
  parser.Parse(BlueskyDoc(R"({"error":"InvalidRequest","message":"Profile not found"})"), &out);
  EXPECT_TRUE(out.posts.empty());
  EXPECT_TRUE(out.rejected.empty());
  ASSERT_EQ(out.api_errors.size(), 1u);
  EXPECT_EQ(out.api_errors[0], "InvalidRequest: Profile not found");
}

TEST(BlueskyParserTest, InvalidUtf8InOnePostKeepsThePage) {
  std::string json = testing::ReadFile(kDir + "post_thread.json");
  size_t at = json.find("Good luck");
  ASSERT_NE(at, std::string::npos);
  json[at + 4] = '\xFF';
  PostParser parser;
  ParsedDoc out;
  parser.Parse(BlueskyDoc(json), &out);
  EXPECT_EQ(out.posts.size(), 4u);
  EXPECT_EQ(Find(out, "/3carolr2")->text.substr(0, 9), "Good?luck");
}

TEST(BlueskyParserTest, EveryTruncationIsRejectedWhole) {
  for (const char* file : {"author_feed.json", "post_thread.json"}) {
    std::string json = testing::ReadFile(kDir + file);
    while (!json.empty() && (json.back() == '\n' || json.back() == ' ')) json.pop_back();
    PostParser parser;
    for (size_t len = 0; len < json.size(); len += 3) {
      for (const char* platform : {"bluesky", ""}) {
        ParsedDoc out;
        parser.Parse(BlueskyDoc(json.substr(0, len), platform), &out);
        ASSERT_TRUE(out.posts.empty()) << file << " cut at " << len;
        if (*platform) {
          ASSERT_EQ(out.rejected.size(), 1u) << file << " cut at " << len;
        }
      }
    }
  }
}

}  // namespace
}  // namespace rapport::pipeline
