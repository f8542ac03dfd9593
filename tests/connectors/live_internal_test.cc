// The helpers under the live sources: URL building, Link headers, raw
// capture, and the page inspection that drives pagination.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "connectors/clock.h"
#include "connectors/internal/bluesky_page.h"
#include "connectors/internal/link_header.h"
#include "connectors/internal/mastodon_page.h"
#include "connectors/internal/raw_capture.h"
#include "connectors/internal/url.h"
#include "connectors/internal/x_page.h"
#include "tests/connectors/test_util.h"

namespace rapport::connectors::internal {
namespace {

using rapport::testing::ReadFile;
using rapport::testing::TempDir;

TEST(UrlTest, PercentEncodingAndQueries) {
  EXPECT_EQ(PercentEncode("at://did:plc:x/app.bsky.feed.post/3k"), "at%3A%2F%2Fdid%3Aplc%3Ax%2Fapp.bsky.feed.post%2F3k");
  EXPECT_EQ(PercentEncode("conversation_id:1 é&=+ ~"), "conversation_id%3A1%20%C3%A9%26%3D%2B%20~");
  EXPECT_EQ(PercentDecode("a%3Ab%zz%2"), "a:b%zz%2");
  EXPECT_EQ(WithQuery("https://api.x.com/2/tweets/search/recent",
                      {{"query", "conversation_id:1790"}, {"since_id", ""}, {"max_results", "100"}}),
            "https://api.x.com/2/tweets/search/recent?query=conversation_id%3A1790&max_results=100");
  EXPECT_EQ(WithQuery("https://m.example/api?limit=40", {{"min_id", "7"}}), "https://m.example/api?limit=40&min_id=7");
  std::string value;
  EXPECT_TRUE(QueryParam("https://m.example/s?limit=40&min_id=113%30#frag", "min_id", &value));
  EXPECT_EQ(value, "1130");
  EXPECT_TRUE(QueryParam("https://m.example/s?flag&x=1", "flag", &value));
  EXPECT_EQ(value, "");
  EXPECT_FALSE(QueryParam("https://m.example/s?max_id=1", "min_id", &value));
  EXPECT_FALSE(QueryParam("https://m.example/s", "min_id", &value));
  EXPECT_EQ(NormalizeBaseUrl("mastodon.social/"), "https://mastodon.social");
  EXPECT_EQ(NormalizeBaseUrl("http://127.0.0.1:8080//"), "http://127.0.0.1:8080");
  EXPECT_EQ(UrlHost("https://user:pw@mastodon.social:443/@alice"), "mastodon.social");
  EXPECT_EQ(UrlHost("mastodon.social"), "");
}

TEST(LinkHeaderTest, MastodonPagination) {
  const std::string header =
      "<https://m.example/api/v1/accounts/1/statuses?limit=5&max_id=117020580489281910>; rel=\"next\", "
      "<https://m.example/api/v1/accounts/1/statuses?limit=5&min_id=117020580518794573>; rel=\"prev\"";
  std::vector<Link> links = ParseLinkHeader(header);
  ASSERT_EQ(links.size(), 2u);
  EXPECT_EQ(links[0].rel, "next");
  EXPECT_EQ(links[1].url, "https://m.example/api/v1/accounts/1/statuses?limit=5&min_id=117020580518794573");
  EXPECT_EQ(FindLink(header, "prev"), links[1].url);
  EXPECT_EQ(FindLink(header, "last"), "");
  // Commas inside the URL or a quoted parameter, rel lists, odd spacing and case.
  const std::string odd = "<https://x/a?b=1,2>;title=\"a, b\";REL=\"Prev Start\" ,<https://x/n>;rel=next";
  EXPECT_EQ(FindLink(odd, "prev"), "https://x/a?b=1,2");
  EXPECT_EQ(FindLink(odd, "start"), "https://x/a?b=1,2");
  EXPECT_EQ(FindLink(odd, "next"), "https://x/n");
  EXPECT_TRUE(ParseLinkHeader("garbage").empty());
  EXPECT_TRUE(ParseLinkHeader("<unterminated").empty());
}

TEST(RawCaptureTest, OneLinePerPageInADatedFile) {
  TempDir dir;
  FakeClock clock;  // 2023-06-01T00:00:00Z
  RawCapture capture(dir.path() + "/raw", "bluesky", &clock);
  ASSERT_TRUE(capture.enabled());
  ASSERT_RAPPORT_OK(capture.Append("{\n  \"feed\": [],\r\n  \"cursor\": \"a\\nb\"\n}"));
  clock.Advance(24 * 3600 * 1000);
  ASSERT_RAPPORT_OK(capture.Append(R"({"feed":[1]})"));
  EXPECT_EQ(ReadFile(dir.path() + "/raw/bluesky-20230601.jsonl"), "{   \"feed\": [],    \"cursor\": \"a\\nb\" }\n");
  EXPECT_EQ(ReadFile(dir.path() + "/raw/bluesky-20230602.jsonl"), "{\"feed\":[1]}\n");
  EXPECT_EQ(capture.path(), dir.path() + "/raw/bluesky-20230602.jsonl");

  RawCapture off("", "x", &clock);
  EXPECT_FALSE(off.enabled());
  ASSERT_RAPPORT_OK(off.Append("{}"));

  TempDir blocked;
  blocked.Write("file", "not a folder");
  RawCapture bad(blocked.path() + "/file/raw", "x", &clock);
  Status st = bad.Append("{}");
  EXPECT_EQ(st.code(), Status::Code::kIoError);
  EXPECT_NE(st.message().find("--save-raw"), std::string::npos) << st.ToString();
}

TEST(XPageTest, ReadsPaginationFields) {
  XPage page = InspectXPage(R"({"data":[{"id":"20","conversation_id":"5","author_id":"1"},
      {"id":"9","author_id":"1","referenced_tweets":[{"type":"retweeted","id":"3"}]}],
      "meta":{"result_count":2,"next_token":"abc","newest_id":"20","oldest_id":"9"},
      "errors":[{"title":"Not Found Error","detail":"Could not find tweet with ids: [5]."}]})");
  ASSERT_TRUE(page.json) << page.json_error;
  ASSERT_EQ(page.tweets.size(), 2u);
  EXPECT_EQ(page.tweets[0].conversation_id, "5");
  EXPECT_TRUE(page.tweets[1].is_retweet);
  EXPECT_EQ(page.next_token, "abc");
  EXPECT_EQ(page.newest_id, "20");
  EXPECT_EQ(page.errors, std::vector<std::string>{"Not Found Error: Could not find tweet with ids: [5]."});
  // newest_id from the data when meta has none; numeric order, not text order.
  EXPECT_EQ(InspectXPage(R"({"data":[{"id":"99"},{"id":"100"}]})").newest_id, "100");
  EXPECT_FALSE(InspectXPage("<html>").json);
  EXPECT_EQ(InspectXPage("<html>").json_error, "not JSON: the body starts with '<'");
  EXPECT_EQ(InspectXPage(R"({"data":[{"id":"1"})").json_error.rfind("invalid JSON (truncated?)", 0), 0u);
  EXPECT_FALSE(InspectXPage("[1]").json);
  EXPECT_FALSE(InspectXPage("").json);
  // Invalid UTF-8 inside a string does not make the page unusable.
  std::string bad = R"({"data":[{"id":"1","text":"caf?"}],"meta":{}})";
  bad[bad.find('?')] = '\xE9';
  EXPECT_TRUE(InspectXPage(bad).json);
  XUser user = InspectXUser(R"({"data":{"id":"783214","name":"Twitter","username":"Twitter"}})");
  EXPECT_EQ(user.id, "783214");
  EXPECT_TRUE(InspectXUser(R"({"errors":[{"title":"Not Found Error"}]})").id.empty());
}

TEST(BlueskyPageTest, SortTimesCursorAndErrors) {
  BlueskyPage page = InspectBlueskyFeed(R"({"feed":[
      {"post":{"uri":"at://a/p/1","author":{"did":"did:a","handle":"a.test"},"replyCount":2,
               "record":{"createdAt":"2025-05-05T01:30:17.912Z"},"indexedAt":"2025-05-05T01:30:18.253Z"}},
      {"post":{"uri":"at://b/p/2","author":{"did":"did:b"},"record":{"createdAt":"2030-01-01T00:00:00Z"},
               "indexedAt":"2025-05-04T00:00:00.000Z"},
       "reason":{"$type":"app.bsky.feed.defs#reasonRepost","indexedAt":"2025-05-04T12:00:00.000Z"}}],
      "cursor":"2025-05-04T12:00:00.000Z"})");
  ASSERT_TRUE(page.json) << page.json_error;
  ASSERT_EQ(page.items.size(), 2u);
  EXPECT_EQ(page.items[0].sort_time, "2025-05-05T01:30:17.912Z") << "the earlier of createdAt and indexedAt";
  EXPECT_EQ(page.items[0].reply_count, 2);
  EXPECT_TRUE(page.items[1].is_repost);
  EXPECT_EQ(page.items[1].sort_time, "2025-05-04T12:00:00.000Z") << "a repost sorts by the repost time";
  EXPECT_TRUE(page.has_cursor);
  EXPECT_FALSE(InspectBlueskyFeed(R"({"feed":[]})").has_cursor);
  EXPECT_TRUE(InspectBlueskyFeed(R"({"feed":[]})").error.empty()) << "an empty feed is a last page";
  EXPECT_EQ(InspectBlueskyFeed("{}").error, "not a getAuthorFeed response: no feed array")
      << "no feed at all is not an empty last page";
  EXPECT_EQ(InspectBlueskyThread(R"({"cursor":"x"})").error, "not a getPostThread response: no thread");
  EXPECT_EQ(InspectBlueskyFeed(R"({"error":"InvalidRequest","message":"Profile not found"})").error,
            "InvalidRequest: Profile not found");
  BlueskyPage thread = InspectBlueskyThread(R"({"thread":{"post":{"uri":"at://a/p/1","record":{}},
      "parent":{"$type":"app.bsky.feed.defs#notFoundPost","uri":"at://x","notFound":true},
      "replies":[{"post":{"uri":"at://a/p/2","record":{}},"replies":[{"post":{"uri":"at://a/p/3","record":{}}}]}]}})");
  ASSERT_EQ(thread.items.size(), 3u);
  EXPECT_EQ(thread.items[2].uri, "at://a/p/3");
  EXPECT_EQ(ParseIsoMillis("2025-05-05T01:30:17.912Z"), 1746408617912);
  EXPECT_EQ(ParseIsoMillis("2025-05-03T14:06:22.189401Z"), 1746281182189);
  EXPECT_EQ(ParseIsoMillis("2025-05-05T03:30:17+02:00"), 1746408617000);
  EXPECT_EQ(ParseIsoMillis("2025-05-05"), -1);
  EXPECT_EQ(ParseIsoMillis("2025-13-05T01:30:17Z"), -1);
}

TEST(MastodonPageTest, StatusesContextAccountAndErrors) {
  MastodonPage page = InspectMastodonStatuses(R"([{"id":"3","replies_count":0,"reblog":{"id":"1"}},
                                                  {"id":"2","replies_count":4,"reblog":null}])");
  ASSERT_TRUE(page.json);
  ASSERT_EQ(page.statuses.size(), 2u);
  EXPECT_TRUE(page.statuses[0].is_reblog);
  EXPECT_EQ(page.statuses[1].replies_count, 4);
  MastodonPage error = InspectMastodonStatuses(R"({"error":"Record not found"})");
  EXPECT_FALSE(error.json);
  EXPECT_EQ(error.error, "Record not found");
  EXPECT_EQ(InspectMastodonContext(R"({"ancestors":[{"id":"1"}],"descendants":[{"id":"2"},{"id":"3"}]})")
                .statuses.size(),
            3u);
  EXPECT_FALSE(InspectMastodonContext(R"({"ancestors":[]})").json);
  EXPECT_EQ(InspectMastodonAccount(R"({"id":"110000000000000001","acct":"dana"})").account_id, "110000000000000001");
  EXPECT_FALSE(InspectMastodonStatuses("<html></html>").json);
}

}  // namespace
}  // namespace rapport::connectors::internal
