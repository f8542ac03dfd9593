#include "pipeline/post_parser.h"

#include <ctime>
#include <cstdio>

#include <gtest/gtest.h>

#include "tests/pipeline/test_util.h"

namespace rapport::pipeline {
namespace {

using testing::Doc;

// An X API v2 search page as twarc2 writes it: includes.users joined by id,
// a partial errors[] entry, and the __twarc block.
constexpr const char* kPage = R"({"data":[
 {"id":"1001","text":"@bob Loving my new #SourdoughBaking hobby &amp; more https://t.co/x","author_id":"11",
  "conversation_id":"1000","created_at":"2026-05-03T21:04:31.000Z","lang":"en","in_reply_to_user_id":"22",
  "referenced_tweets":[{"type":"replied_to","id":"1000"}],
  "entities":{"mentions":[{"start":0,"end":4,"username":"bob","id":"22"}],
              "hashtags":[{"start":20,"end":35,"tag":"SourdoughBaking"}],
              "urls":[{"start":50,"end":62,"url":"https://t.co/x","expanded_url":"https://example.org/bread"}]}},
 {"id":"1002","text":"RT @bob: hello","author_id":"22","created_at":"2026-05-03T20:00:00.000Z",
  "referenced_tweets":[{"type":"retweeted","id":"999"}]}],
 "includes":{"users":[{"id":"11","username":"alice","name":"Alice A"},{"id":"22","username":"bob","name":"Bob B"}]},
 "errors":[{"title":"Not Found Error","detail":"Could not find tweet with ids: [5]."}],
 "meta":{"result_count":2,"next_token":"abc"},
 "__twarc":{"url":"https://api.twitter.com/2/tweets/search/recent","version":"2.10.4"}})";

TEST(PostParserTest, ParsesApiV2PageAndJoinsUsers) {
  PostParser parser;
  ParsedDoc out;
  parser.Parse(Doc(kPage), &out);
  ASSERT_EQ(out.posts.size(), 2u);
  EXPECT_TRUE(out.rejected.empty());
  const Post& p = out.posts[0];
  EXPECT_EQ(p.platform, "x");
  EXPECT_EQ(p.id, "1001");
  EXPECT_EQ(p.author_id, "11");
  EXPECT_EQ(p.author_username, "alice");
  EXPECT_EQ(p.author_name, "Alice A");
  EXPECT_EQ(p.created_at, 1777842271);
  EXPECT_EQ(p.lang, "en");
  EXPECT_EQ(p.conversation_id, "1000");
  EXPECT_EQ(p.reply_to_post_id, "1000");
  EXPECT_EQ(p.reply_to_user_id, "22");
  ASSERT_EQ(p.mentions.size(), 1u);
  EXPECT_EQ(p.mentions[0].username, "bob");
  EXPECT_EQ(p.mentions[0].id, "22");
  ASSERT_EQ(p.hashtags.size(), 1u);
  EXPECT_EQ(p.hashtags[0], "SourdoughBaking");
  ASSERT_EQ(p.urls.size(), 1u);
  EXPECT_EQ(p.urls[0], "https://example.org/bread");
  EXPECT_NE(p.text.find("hobby & more"), std::string::npos) << "entities decoded: " << p.text;
  EXPECT_EQ(p.origin, "test.jsonl:1#1");
  EXPECT_FALSE(p.is_repost);
  EXPECT_TRUE(out.posts[1].is_repost);
  EXPECT_EQ(out.posts[1].conversation_id, "1002") << "no conversation id: the post starts its own";
  ASSERT_EQ(out.api_errors.size(), 1u);
  EXPECT_EQ(out.api_errors[0], "Not Found Error: Could not find tweet with ids: [5].");
  EXPECT_EQ(PostUrl(p), "https://x.com/alice/status/1001");
}

TEST(PostParserTest, SinglePostObjectAndDataObject) {
  PostParser parser;
  ParsedDoc out;
  parser.Parse(Doc(R"({"id":7,"text":"hi there","author_id":"3","created_at":"2026-01-01T00:00:00Z"})"), &out);
  parser.Parse(Doc(R"({"data":{"id":"8","text":"streamed","author_id":"3","created_at":"2026-01-01T00:00:01.000Z"}})"),
               &out);
  ASSERT_EQ(out.posts.size(), 2u);
  EXPECT_EQ(out.posts[0].id, "7") << "numeric ids are read as their digits";
  EXPECT_EQ(out.posts[1].id, "8");
  EXPECT_EQ(out.posts[1].created_at, 1767225601);
}

TEST(PostParserTest, OnlyErrorsIsNotAReject) {
  PostParser parser;
  ParsedDoc out;
  parser.Parse(Doc(R"({"errors":[{"message":"Rate limit exceeded"}]})"), &out);
  EXPECT_TRUE(out.posts.empty());
  EXPECT_TRUE(out.rejected.empty());
  ASSERT_EQ(out.api_errors.size(), 1u);
  EXPECT_EQ(out.api_errors[0], "Rate limit exceeded");
}

TEST(PostParserTest, BadRecordsAreRejectedAloneWithReasons) {
  PostParser parser;
  ParsedDoc out;
  parser.Parse(Doc(R"({"data":[
    {"id":"1","text":"good","author_id":"9","created_at":"2026-01-01T00:00:00.000Z"},
    {"text":"no id here","author_id":"9","created_at":"2026-01-01T00:00:00.000Z"},
    {"id":"3","text":"bad date","author_id":"9","created_at":"yesterday"},
    {"id":"4","text":"no author","created_at":"2026-01-01T00:00:00.000Z"},
    {"id":"5","text":42,"author_id":"9","created_at":"2026-01-01T00:00:00.000Z"},
    {"id":"6","text":"also good","author_id":"9","created_at":"2026-01-02T00:00:00.000Z"}]})"),
               &out);
  ASSERT_EQ(out.posts.size(), 2u);
  EXPECT_EQ(out.posts[0].id, "1");
  EXPECT_EQ(out.posts[1].id, "6");
  ASSERT_EQ(out.rejected.size(), 4u);
  EXPECT_EQ(out.rejected[0].reason, "missing id");
  EXPECT_EQ(out.rejected[0].origin, "test.jsonl:1#2");
  EXPECT_NE(out.rejected[0].raw.find("no id here"), std::string::npos);
  EXPECT_EQ(out.rejected[0].raw.front(), '{');
  EXPECT_EQ(out.rejected[0].raw.back(), '}');
  EXPECT_EQ(out.rejected[1].reason, "bad created_at 'yesterday'");
  EXPECT_EQ(out.rejected[2].reason, "missing author_id");
  EXPECT_EQ(out.rejected[3].reason.rfind("bad field type", 0), 0u) << out.rejected[3].reason;
}

TEST(PostParserTest, StructurallyBadDocumentsAreRejectedWhole) {
  PostParser parser;
  for (const char* bad : {R"({"data":[{"id":"1","text":"cut)", "this is not json", R"({"data":[]} trailing)", "[1,2]"}) {
    ParsedDoc out;
    parser.Parse(Doc(bad, "bad.jsonl", 4), &out);
    EXPECT_TRUE(out.posts.empty()) << bad;
    ASSERT_EQ(out.rejected.size(), 1u) << bad;
    EXPECT_EQ(out.rejected[0].origin, "bad.jsonl:4");
    EXPECT_EQ(out.rejected[0].raw, bad);
    EXPECT_FALSE(out.rejected[0].reason.empty());
  }
}

TEST(PostParserTest, InvalidUtf8RejectsOnlyTheRecordThatHasIt) {
  std::string page = R"({"data":[{"id":"1","text":"fine","author_id":"9","created_at":"2026-01-01T00:00:00.000Z"},)"
                     "{\"id\":\"2\",\"text\":\"bad \xC3\x28 bytes\",\"author_id\":\"9\","
                     "\"created_at\":\"2026-01-01T00:00:00.000Z\"}]}";
  PostParser parser;
  ParsedDoc out;
  parser.Parse(Doc(page), &out);
  ASSERT_EQ(out.posts.size(), 1u);
  EXPECT_EQ(out.posts[0].id, "1");
  ASSERT_EQ(out.rejected.size(), 1u);
  EXPECT_EQ(out.rejected[0].reason.rfind("invalid UTF-8", 0), 0u) << out.rejected[0].reason;
  EXPECT_NE(out.rejected[0].raw.find("\xC3\x28"), std::string::npos) << "the original bytes are kept";
}

TEST(PostParserTest, ReadErrorsAreRejected) {
  connectors::RawDoc d = Doc("partial");
  d.read_error = "line exceeds 16 bytes";
  PostParser parser;
  ParsedDoc out;
  parser.Parse(d, &out);
  ASSERT_EQ(out.rejected.size(), 1u);
  EXPECT_EQ(out.rejected[0].reason, "line exceeds 16 bytes");
}

constexpr const char* kArchive = R"(window.YTD.tweets.part0 = [
  {"tweet": {"id_str": "50", "id": "50", "full_text": "Ran 10 miles with my dog Rover #MarathonTraining",
    "created_at": "Thu Jun 01 17:37:00 +0000 2023", "lang": "en",
    "entities": {"hashtags": [{"text": "MarathonTraining", "indices": ["33", "50"]}], "user_mentions": [], "urls": []}}},
  {"tweet": {"id_str": "51", "id": "51", "full_text": "@sam happy birthday!", "created_at": "Fri Jun 02 08:00:00 +0000 2023",
    "in_reply_to_status_id_str": "40", "in_reply_to_user_id_str": "77", "in_reply_to_screen_name": "sam",
    "entities": {"hashtags": [], "user_mentions": [{"screen_name": "sam", "id_str": "77", "indices": ["0", "4"]}], "urls": []}}}
])";

TEST(PostParserTest, XArchiveOwnerIsTheAuthor) {
  connectors::RawDoc d = Doc(kArchive, "archive/tweets.js", 0);
  d.kind = connectors::RawDoc::Kind::kXArchive;
  d.owner_id = "1093321775";
  d.owner_username = "dana_rios";
  d.owner_name = "Dana Rios";
  PostParser parser;
  ParsedDoc out;
  parser.Parse(d, &out);
  ASSERT_EQ(out.posts.size(), 2u) << (out.rejected.empty() ? "" : out.rejected[0].reason);
  EXPECT_EQ(out.posts[0].id, "50");
  EXPECT_EQ(out.posts[0].author_id, "1093321775");
  EXPECT_EQ(out.posts[0].author_username, "dana_rios");
  EXPECT_EQ(out.posts[0].created_at, 1685641020);
  ASSERT_EQ(out.posts[0].hashtags.size(), 1u);
  EXPECT_EQ(out.posts[1].reply_to_post_id, "40");
  EXPECT_EQ(out.posts[1].reply_to_user_id, "77");
  ASSERT_EQ(out.posts[1].mentions.size(), 1u);
  EXPECT_EQ(out.posts[1].mentions[0].id, "77");
}

TEST(PostParserTest, XArchiveWithoutOwnerIsRejectedWithReason) {
  connectors::RawDoc d = Doc(kArchive, "archive/tweets.js", 0);
  d.kind = connectors::RawDoc::Kind::kXArchive;
  PostParser parser;
  ParsedDoc out;
  parser.Parse(d, &out);
  EXPECT_TRUE(out.posts.empty());
  ASSERT_EQ(out.rejected.size(), 2u);
  EXPECT_EQ(out.rejected[0].reason, "archive without account.js: unknown author");
}

TEST(PostParserTest, V1SearchResponse) {
  PostParser parser;
  ParsedDoc out;
  parser.Parse(Doc(R"({"statuses":[{"id":505874924095815681,"id_str":"505874924095815681","text":"hello",
    "created_at":"Sun Aug 31 00:29:15 +0000 2014","user":{"id_str":"1186275104","screen_name":"ayuu0123","name":"AYUMI"},
    "entities":{"hashtags":[],"user_mentions":[],"urls":[]},"lang":"ja"}],"search_metadata":{}})"),
               &out);
  ASSERT_EQ(out.posts.size(), 1u);
  EXPECT_EQ(out.posts[0].id, "505874924095815681") << "id_str wins over the number past 2^53";
  EXPECT_EQ(out.posts[0].author_username, "ayuu0123");
  EXPECT_EQ(out.posts[0].lang, "ja");
}

TEST(TimestampTest, FormatsEveryYearLikeThePrintfForm) {
  auto printf_form = [](int64_t t) {
    const time_t tt = static_cast<time_t>(t);
    struct tm tm {};
    gmtime_r(&tt, &tm);
    char buf[64];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02dZ", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
                  tm.tm_hour, tm.tm_min, tm.tm_sec);
    return std::string(buf);
  };
  // From 1900 to past 9999 (years of five digits are printed in full), in uneven steps.
  for (int64_t t = -2208988800LL; t < 253402300800LL + 86400LL * 400; t += 86400LL * 37 + 3727)
    ASSERT_EQ(FormatTimestamp(t), printf_form(t)) << t;
  EXPECT_EQ(FormatTimestamp(0), "1970-01-01T00:00:00Z");
  EXPECT_EQ(FormatTimestamp(-1), "1969-12-31T23:59:59Z");
  EXPECT_EQ(FormatTimestamp(253402300799LL), "9999-12-31T23:59:59Z");
  EXPECT_EQ(FormatTimestamp(253402300800LL), "10000-01-01T00:00:00Z");
}

TEST(TimestampTest, ParsesAndFormats) {
  int64_t t = 0;
  EXPECT_TRUE(ParseTimestamp("2026-05-03T21:04:31.000Z", &t));
  EXPECT_EQ(t, 1777842271);
  EXPECT_EQ(FormatTimestamp(t), "2026-05-03T21:04:31Z");
  EXPECT_TRUE(ParseTimestamp("2026-05-03T23:04:31+02:00", &t));
  EXPECT_EQ(t, 1777842271);
  EXPECT_TRUE(ParseTimestamp("Thu Jun 01 17:37:00 +0000 2023", &t));
  EXPECT_EQ(FormatTimestamp(t), "2023-06-01T17:37:00Z");
  EXPECT_TRUE(ParseTimestamp("2024-02-29T00:00:00Z", &t));
  EXPECT_EQ(FormatTimestamp(t), "2024-02-29T00:00:00Z");
  EXPECT_FALSE(ParseTimestamp("2026-13-01T00:00:00Z", &t));
  EXPECT_FALSE(ParseTimestamp("2026-05-03", &t));
  EXPECT_FALSE(ParseTimestamp("Thu Jun 01 17:37:00 2023", &t));
  EXPECT_FALSE(ParseTimestamp("", &t));
}

}  // namespace
}  // namespace rapport::pipeline
