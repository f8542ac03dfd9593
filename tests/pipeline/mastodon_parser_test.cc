// Mastodon REST responses through PostParser (pipeline/internal/mastodon_parser.cc),
// and the HTML-to-text conversion it uses.
#include <gtest/gtest.h>

#include <string>

#include "pipeline/internal/html_text.h"
#include "pipeline/internal/platform_parsers.h"
#include "pipeline/post_parser.h"
#include "tests/pipeline/test_util.h"

namespace rapport::pipeline {
namespace {

using testing::Doc;

const std::string kDir = std::string(RAPPORT_TEST_DATA_DIR) + "/pipeline/mastodon/";

connectors::RawDoc MastodonDoc(std::string json, std::string platform = "mastodon") {
  connectors::RawDoc doc = Doc(std::move(json), "statuses.json", 2);
  doc.platform = std::move(platform);
  return doc;
}

const Post* Find(const ParsedDoc& out, const std::string& id) {
  for (const Post& p : out.posts)
    if (p.id == id) return &p;
  return nullptr;
}

TEST(MastodonParserTest, StatusesPage) {
  PostParser parser;
  ParsedDoc out;
  parser.Parse(MastodonDoc(testing::ReadFile(kDir + "statuses.json")), &out);
  EXPECT_TRUE(out.rejected.empty()) << out.rejected[0].reason;
  ASSERT_EQ(out.posts.size(), 4u);

  const Post* root = Find(out, "113000000000000010");
  ASSERT_NE(root, nullptr);
  EXPECT_EQ(root->platform, "mastodon");
  EXPECT_EQ(root->author_id, "110000000000000001");
  EXPECT_EQ(root->author_username, "dana@mastodon.example") << "local acct gets the instance host";
  EXPECT_EQ(root->author_name, "Dana Diaz");
  EXPECT_EQ(FormatTimestamp(root->created_at), "2026-08-01T13:53:15Z");
  EXPECT_EQ(root->lang, "en");
  EXPECT_EQ(root->text,
            "Adopted a kitten today, her name is Miso & she is tiny! #cats\n\nPhotos: "
            "https://example.org/miso/photos/2026");
  EXPECT_EQ(root->hashtags, std::vector<std::string>{"cats"});
  EXPECT_EQ(root->urls, std::vector<std::string>{"https://example.org/miso/photos/2026"}) << "not the hashtag link";
  EXPECT_EQ(root->url, "https://mastodon.example/@dana/113000000000000010");
  EXPECT_EQ(root->conversation_id, root->id);
  EXPECT_EQ(root->origin, "statuses.json:2#4");

  const Post* reply = Find(out, "113000000000000030");
  ASSERT_NE(reply, nullptr);
  EXPECT_EQ(reply->text, "@eve thanks!");
  EXPECT_EQ(reply->reply_to_post_id, "113000000000000020");
  EXPECT_EQ(reply->reply_to_user_id, "110000000000000002");
  EXPECT_EQ(reply->conversation_id, "113000000000000020") << "parent not in the page: its id";
  ASSERT_EQ(reply->mentions.size(), 1u);
  EXPECT_EQ(reply->mentions[0].id, "110000000000000002");
  EXPECT_EQ(reply->mentions[0].username, "eve@other.example");

  const Post* boost = Find(out, "113000000000000040");
  ASSERT_NE(boost, nullptr);
  EXPECT_TRUE(boost->is_repost);
  EXPECT_EQ(boost->author_username, "dana@mastodon.example") << "the booster";
  EXPECT_EQ(boost->text, "Looking for a good ramen place in Lyon");

  const Post* cw = Find(out, "113000000000000050");
  ASSERT_NE(cw, nullptr);
  EXPECT_EQ(cw->text, "personal\n\nit was my birthday yesterday") << "content warning kept as a first paragraph";
}

TEST(MastodonParserTest, ContextSharesTheRootAsConversation) {
  PostParser parser;
  ParsedDoc out;
  parser.Parse(MastodonDoc(testing::ReadFile(kDir + "context.json"), ""), &out);
  EXPECT_TRUE(out.rejected.empty());
  ASSERT_EQ(out.posts.size(), 3u);
  for (const Post& p : out.posts) {
    EXPECT_EQ(p.platform, "mastodon");
    EXPECT_EQ(p.conversation_id, "113000000000000010") << p.id;
  }
  const Post* reply = Find(out, "113000000000000020");
  ASSERT_NE(reply, nullptr);
  EXPECT_EQ(reply->author_username, "eve@other.example") << "remote acct kept";
  EXPECT_EQ(reply->text, "@dana congrats!\nMiso is a great name");
  ASSERT_EQ(reply->mentions.size(), 1u);
  EXPECT_EQ(reply->mentions[0].username, "dana@mastodon.example");
}

TEST(MastodonParserTest, SingleStatusAndDetection) {
  std::string status = testing::ReadFile(kDir + "status.json");
  PostParser parser;
  ParsedDoc out;
  parser.Parse(MastodonDoc(status, ""), &out);
  ASSERT_EQ(out.posts.size(), 1u);
  EXPECT_EQ(out.posts[0].id, "113000000000000020");
  EXPECT_EQ(out.posts[0].origin, "statuses.json:2");
  EXPECT_TRUE(internal::LooksLikeMastodon(status));
  EXPECT_TRUE(internal::LooksLikeMastodon(testing::ReadFile(kDir + "statuses.json")));
  EXPECT_TRUE(internal::LooksLikeMastodon(testing::ReadFile(kDir + "context.json")));
  EXPECT_TRUE(internal::LooksLikeMastodon(" [ ] ")) << "an empty page holds nothing to lose";
  EXPECT_FALSE(internal::LooksLikeMastodon(R"({"data":[{"id":"1","text":"x","author_id":"2"}]})"));
  EXPECT_FALSE(internal::LooksLikeMastodon(R"({"id":"1","text":"x","author_id":"2","created_at":"2026"})"));
  EXPECT_FALSE(internal::LooksLikeMastodon(R"([{"id":"1","text":"x"}])"));
  EXPECT_FALSE(internal::LooksLikeMastodon(R"({"feed":[{"post":{"uri":"at://x"}}]})"));
}

TEST(MastodonParserTest, ErrorBodyIsAnApiError) {
  PostParser parser;
  ParsedDoc out;
  parser.Parse(MastodonDoc(R"({"error":"Record not found"})"), &out);
  EXPECT_TRUE(out.posts.empty());
  EXPECT_TRUE(out.rejected.empty());
  ASSERT_EQ(out.api_errors.size(), 1u);
  EXPECT_EQ(out.api_errors[0], "Record not found");
}

TEST(MastodonParserTest, BadStatusIsRejectedAloneAndBrokenPagesWhole) {
  const std::string good =
      R"({"id":"1","created_at":"2026-01-01T00:00:00.000Z","content":"<p>fine</p>","account":{"id":"9","acct":"a","url":"https://m.test/@a"}})";
  const std::string bad =
      R"({"id":"2","created_at":"yesterday","content":"<p>bad date</p>","account":{"id":"9","acct":"a"}})";
  PostParser parser;
  ParsedDoc out;
  parser.Parse(MastodonDoc("[" + good + "," + bad + "]"), &out);
  ASSERT_EQ(out.posts.size(), 1u);
  EXPECT_EQ(out.posts[0].text, "fine");
  EXPECT_EQ(out.posts[0].author_username, "a@m.test");
  ASSERT_EQ(out.rejected.size(), 1u);
  EXPECT_EQ(out.rejected[0].reason, "bad created_at 'yesterday'");
  EXPECT_EQ(out.rejected[0].raw, bad);
  EXPECT_EQ(out.rejected[0].origin, "statuses.json:2#2");

  out.Clear();
  std::string page = testing::ReadFile(kDir + "statuses.json");
  parser.Parse(MastodonDoc(page.substr(0, page.size() - 40)), &out);
  parser.Parse(MastodonDoc("<html><body>We're down for maintenance</body></html>"), &out);
  EXPECT_TRUE(out.posts.empty());
  ASSERT_EQ(out.rejected.size(), 2u);
  EXPECT_EQ(out.rejected[0].reason.rfind("invalid JSON (truncated?)", 0), 0u) << out.rejected[0].reason;
  EXPECT_EQ(out.rejected[1].reason.rfind("invalid JSON", 0), 0u) << out.rejected[1].reason;
}

TEST(MastodonParserTest, ASingleStatusWithABadFieldIsRejectedAsARecord) {
  const std::string status =
      R"({"id":"7","created_at":"2026-01-01T00:00:00.000Z","content":5,"account":{"id":"9","acct":"a"},"tags":[]})";
  PostParser parser;
  ParsedDoc out;
  parser.Parse(MastodonDoc(status), &out);
  EXPECT_TRUE(out.posts.empty());
  ASSERT_EQ(out.rejected.size(), 1u);
  EXPECT_EQ(out.rejected[0].reason.rfind("bad field type", 0), 0u) << out.rejected[0].reason;
  EXPECT_EQ(out.rejected[0].raw, status);
}

TEST(MastodonParserTest, EveryTruncationIsRejectedWhole) {
  for (const char* file : {"statuses.json", "context.json", "status.json"}) {
    std::string json = testing::ReadFile(kDir + file);
    while (!json.empty() && (json.back() == '\n' || json.back() == ' ')) json.pop_back();
    PostParser parser;
    for (size_t len = 0; len < json.size(); len += 3) {
      ParsedDoc out;
      parser.Parse(MastodonDoc(json.substr(0, len)), &out);
      ASSERT_TRUE(out.posts.empty()) << file << " cut at " << len;
      ASSERT_EQ(out.rejected.size(), 1u) << file << " cut at " << len;
    }
  }
}

TEST(HtmlToTextTest, ParagraphsBreaksEntitiesAndLinks) {
  std::string text;
  std::vector<std::string> links;
  internal::HtmlToText(
      "<p>Hi <span class=\"h-card\"><a href=\"https://m.example/@bob\" class=\"u-url mention\">@<span>bob</span></a>"
      "</span> &amp; welcome!<br>See <a href=\"https://example.org/x?a=1&amp;b=2\" rel=\"nofollow\">example.org/x</a>"
      "</p><p>Bye &lt;3 &#x1F600;</p>",
      &text, &links);
  EXPECT_EQ(text, "Hi @bob & welcome!\nSee example.org/x\n\nBye <3 \xF0\x9F\x98\x80");
  EXPECT_EQ(links, std::vector<std::string>{"https://example.org/x?a=1&b=2"});
  internal::HtmlToText("plain text, 2 < 3 and no tags", &text, nullptr);
  EXPECT_EQ(text, "plain text, 2 < 3 and no tags");
  internal::HtmlToText("<p>a</p><p></p><br/><br />", &text, nullptr);
  EXPECT_EQ(text, "a");
}

}  // namespace
}  // namespace rapport::pipeline
