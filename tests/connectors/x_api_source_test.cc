// XApiSource against a real HTTP server on 127.0.0.1 that replays X API v2
// pages (tests/data/connectors/x_api/) and injects faults. Every test checks
// exactly which pages were yielded (nothing lost, nothing duplicated), the
// status, and the checkpoints.
#include "connectors/x_api_source.h"

#include <gtest/gtest.h>

#ifdef RAPPORT_HAVE_HTTPLIB

#include <filesystem>
#include <string>
#include <vector>

#include "connectors/file_source.h"
#include "connectors/retrying_http_client.h"
#include "tests/connectors/fake_api.h"

namespace rapport::connectors {
namespace {

using rapport::testing::DecodedQuery;
using rapport::testing::Drained;
using rapport::testing::FakeApi;
using rapport::testing::LogSink;
using rapport::testing::MapCursors;
using rapport::testing::PathOf;
using rapport::testing::ReadFile;
using rapport::testing::Reply;
using rapport::testing::TempDir;

const std::string kDir = std::string(RAPPORT_TEST_DATA_DIR) + "/connectors/x_api/";
const std::string kToken = "AAAAAAAAAAAAAAAAAAAAAFakeBearer%2Fvalue0123456789abcdefXYZ";
const std::string kAlice = "1500000000000000001";
const std::string kBob = "1500000000000000002";
const std::string kTweets = "/2/users/" + kAlice + "/tweets";
const std::string kMentions = "/2/users/" + kAlice + "/mentions";
const std::string kSearch = "/2/tweets/search/recent";
const std::string kPage2Token = "7140dibdnow9c7btw423i3sy3u5zupmkcpofxcsmxj48j";
const std::string kFields =
    "tweet.fields=created_at,author_id,conversation_id,in_reply_to_user_id,referenced_tweets,entities,lang,"
    "note_tweet&expansions=author_id,entities.mentions.username,in_reply_to_user_id&user.fields=username,name";

// The fixture file each yielded page is, or "?<start of the bytes>".
std::vector<std::string> Pages(const Drained& d) {
  static const char* kFiles[] = {"tweets_p1.json",       "tweets_p2.json",       "mentions_p1.json",
                                 "conversation_300.json", "conversation_100.json", "errors_only.json",
                                 "bob_tweets.json",       "empty.json"};
  std::vector<std::string> names;
  for (const RawDoc& doc : d.docs) {
    std::string name = "?" + doc.bytes.substr(0, 40);
    for (const char* file : kFiles)
      if (doc.bytes == ReadFile(kDir + file)) name = file;
    names.push_back(name);
  }
  return names;
}

using Checkpoints = std::vector<std::pair<std::string, std::string>>;

class XApiSourceTest : public ::testing::Test {
 protected:
  // Alice: two pages of tweets, one of mentions, two conversations; Bob: one
  // page of tweets. A request with since_id (a later run) finds nothing new.
  void SetUp() override {
    api_.Route("/2/users/by/username/alice", [](const httplib::Request&, int) {
      return Reply::File(kDir + "user_alice.json");
    });
    api_.Route("/2/users/by/username/bob", [](const httplib::Request&, int) {
      return Reply::File(kDir + "user_bob.json");
    });
    api_.Route("/2/users/by/username/nosuchuser", [](const httplib::Request&, int) {
      return Reply::File(kDir + "user_missing.json");
    });
    api_.Route(kTweets, [](const httplib::Request& req, int) {
      if (req.has_param("since_id")) return Reply::File(kDir + "empty.json");
      if (req.get_param_value("pagination_token") == kPage2Token) return Reply::File(kDir + "tweets_p2.json");
      return Reply::File(kDir + "tweets_p1.json");
    });
    api_.Route(kMentions, [](const httplib::Request& req, int) {
      return Reply::File(kDir + (req.has_param("since_id") ? "empty.json" : "mentions_p1.json"));
    });
    api_.Route("/2/users/" + kBob + "/tweets", [](const httplib::Request&, int) {
      return Reply::File(kDir + "bob_tweets.json");
    });
    api_.Route("/2/users/" + kBob + "/mentions", [](const httplib::Request&, int) {
      return Reply::File(kDir + "empty.json");
    });
    api_.Route(kSearch, [](const httplib::Request& req, int) {
      std::string q = req.get_param_value("query");
      if (q == "conversation_id:1790000000000000300") return Reply::File(kDir + "conversation_300.json");
      if (q == "conversation_id:1790000000000000100") return Reply::File(kDir + "conversation_100.json");
      return Reply::File(kDir + "empty.json");
    });
  }

  XApiSourceOptions Options(std::vector<std::string> users = {"alice"}) {
    XApiSourceOptions options;
    options.api_base = api_.base() + "/";
    options.users = std::move(users);
    options.bearer_token = kToken;
    options.common.clock = &clock_;
    options.common.log = log_.Fn();
    return options;
  }

  Drained Run(XApiSourceOptions options, int64_t total_timeout_ms = 10'000, int max_attempts = 5) {
    HttpClientOptions curl;
    curl.total_timeout_ms = total_timeout_ms;
    RetryingHttpClientOptions retry;
    retry.clock = &clock_;
    retry.retry.seed = 42;
    retry.retry.max_attempts = max_attempts;
    http_ = NewRetryingHttpClient(NewCurlHttpClient(curl), retry);
    std::unique_ptr<Source> source = NewXApiSource(http_.get(), &cursors_, std::move(options));
    return rapport::testing::Drain(source.get());
  }

  // The request targets made to `path`, query decoded.
  std::vector<std::string> Queries(const std::string& path) const {
    std::vector<std::string> out;
    for (const std::string& target : api_.requests())
      if (PathOf(target) == path) out.push_back(DecodedQuery(target));
    return out;
  }

  // Neither the token as sent nor its percent-decoded form (X tokens are percent-encoded).
  void ExpectNoToken(const Drained& d) {
    ExpectNoSecret(d, kToken);
    ExpectNoSecret(d, httplib::detail::decode_url(kToken, false));
  }
  void ExpectNoSecret(const Drained& d, const std::string& secret) {
    EXPECT_EQ(d.status.message().find(secret), std::string::npos) << d.status.ToString();
    EXPECT_EQ(log_.All().find(secret), std::string::npos) << log_.All();
    for (const RawDoc& doc : d.docs) {
      EXPECT_EQ(doc.bytes.find(secret), std::string::npos) << doc.origin.ToString();
      EXPECT_EQ(doc.origin.source.find(secret), std::string::npos);
    }
  }

  const std::vector<std::string> kAllAlice = {"tweets_p1.json", "tweets_p2.json", "mentions_p1.json",
                                              "conversation_300.json", "conversation_100.json"};
  const Checkpoints kAliceDone = {{"x:user:" + kAlice + ":tweets", "1790000000000000300"},
                                  {"x:user:" + kAlice + ":mentions", "1790000000000000250"}};

  FakeApi api_;
  FakeClock clock_;
  MapCursors cursors_;
  LogSink log_;
  std::unique_ptr<HttpClient> http_;
};

TEST_F(XApiSourceTest, FetchesTimelinesMentionsAndConversations) {
  api_.Start();
  Drained d = Run(Options());
  ASSERT_TRUE(d.status.ok()) << d.status.ToString();
  EXPECT_EQ(Pages(d), kAllAlice);
  for (const RawDoc& doc : d.docs) {
    EXPECT_EQ(doc.platform, "x");
    EXPECT_EQ(doc.kind, RawDoc::Kind::kJson);
  }
  const std::string first = api_.base() + kTweets + "?max_results=100&" + kFields;
  EXPECT_EQ(httplib::detail::decode_url(d.docs[0].origin.source, false), first);
  EXPECT_EQ(d.docs[0].origin.line, 1u);
  EXPECT_EQ(httplib::detail::decode_url(d.docs[1].origin.source, false),
            first + "&pagination_token=" + kPage2Token);
  EXPECT_EQ(d.docs[1].origin.line, 2u);
  EXPECT_EQ(d.docs[2].origin.line, 1u) << "page numbers count within each walk";
  // What was asked: no since_id on a first run, the fields, the conversations of Alice's own posts.
  EXPECT_EQ(Queries(kTweets), (std::vector<std::string>{"max_results=100&" + kFields,
                                                        "max_results=100&" + kFields + "&pagination_token=" +
                                                            kPage2Token}));
  EXPECT_EQ(Queries(kSearch),
            (std::vector<std::string>{"query=conversation_id:1790000000000000300&max_results=100&" + kFields,
                                      "query=conversation_id:1790000000000000100&max_results=100&" + kFields}));
  // (cpp-httplib percent-decodes header values it receives.)
  EXPECT_EQ(api_.last_authorization(), "Bearer " + httplib::detail::decode_url(kToken, false));
  EXPECT_EQ(d.checkpoints, kAliceDone);
  EXPECT_TRUE(clock_.sleeps().empty());
  ExpectNoToken(d);
}

TEST_F(XApiSourceTest, ASecondRunAsksSinceTheCursorAndFetchesNothingNew) {
  cursors_.cursors = {kAliceDone.begin(), kAliceDone.end()};
  api_.Start();
  Drained d = Run(Options());
  ASSERT_TRUE(d.status.ok()) << d.status.ToString();
  EXPECT_TRUE(d.docs.empty()) << "empty pages are not yielded";
  EXPECT_EQ(Queries(kTweets), std::vector<std::string>{"max_results=100&since_id=1790000000000000300&" + kFields});
  EXPECT_EQ(Queries(kMentions), std::vector<std::string>{"max_results=100&since_id=1790000000000000250&" + kFields});
  EXPECT_EQ(api_.hits(kSearch), 0);
  EXPECT_EQ(d.checkpoints, kAliceDone) << "unchanged";
}

TEST_F(XApiSourceTest, StartTimeBoundsAFirstRun) {
  api_.Start();
  XApiSourceOptions options = Options();
  options.start_time = "2026-05-01T00:00:00Z";
  options.mentions = false;
  Drained d = Run(options);
  ASSERT_TRUE(d.status.ok()) << d.status.ToString();
  EXPECT_EQ(Queries(kTweets)[0], "max_results=100&start_time=2026-05-01T00:00:00Z&" + kFields);
  EXPECT_EQ(api_.hits(kMentions), 0);
  EXPECT_EQ(d.checkpoints, (Checkpoints{kAliceDone[0]}));
}

TEST_F(XApiSourceTest, A429RateLimitIsWaitedOutUntilTheReset) {
  const int64_t reset_s = clock_.NowMillis() / 1000 + 120;
  api_.Fault(kTweets, [&](const httplib::Request&, int hit) -> std::optional<Reply> {
    if (hit != 2) return std::nullopt;
    return Reply::Status(429, R"({"title":"Too Many Requests","detail":"Too Many Requests","status":429})")
        .Header("x-rate-limit-limit", "900")
        .Header("x-rate-limit-remaining", "0")
        .Header("x-rate-limit-reset", std::to_string(reset_s));
  });
  api_.Start();
  Drained d = Run(Options());
  ASSERT_TRUE(d.status.ok()) << d.status.ToString();
  EXPECT_EQ(Pages(d), kAllAlice);
  EXPECT_EQ(api_.hits(kTweets), 3);
  ASSERT_EQ(clock_.sleeps().size(), 1u);
  EXPECT_GE(clock_.NowMillis(), reset_s * 1000) << "waited until the reset";
  EXPECT_EQ(d.checkpoints, kAliceDone);
}

TEST_F(XApiSourceTest, A429WithoutHeadersCannotBeTimedAndStopsTheSource) {
  api_.Fault(kMentions, [](const httplib::Request&, int) -> std::optional<Reply> {
    return Reply::Status(429, R"({"title":"Too Many Requests"})");
  });
  api_.Start();
  Drained d = Run(Options({"alice", "bob"}));
  EXPECT_EQ(d.status.code(), Status::Code::kUnavailable);
  EXPECT_NE(d.status.message().find("x: @alice: mentions page 1: usage cap reached"), std::string::npos)
      << d.status.message();
  EXPECT_NE(d.status.message().find("no rate-limit reset header"), std::string::npos);
  EXPECT_EQ(Pages(d), (std::vector<std::string>{"tweets_p1.json", "tweets_p2.json"})) << "yielded before the 429";
  EXPECT_EQ(api_.hits(kMentions), 1) << "not retried";
  EXPECT_EQ(api_.hits("/2/users/by/username/bob"), 0) << "the source stopped";
  EXPECT_TRUE(d.checkpoints.empty()) << "tweets' conversations were not fetched: no cursor moves";
  ExpectNoToken(d);
}

TEST_F(XApiSourceTest, AUsageCapStopsTheSourceWithAClearMessage) {
  api_.Fault(kSearch, [&](const httplib::Request&, int) -> std::optional<Reply> {
    return Reply::Status(429, R"({"title":"UsageCapExceeded","detail":"Usage cap exceeded: Monthly product cap","type":"https://api.twitter.com/2/problems/usage-capped"})")
        .Header("x-rate-limit-limit", "450")
        .Header("x-rate-limit-remaining", "449")
        .Header("x-rate-limit-reset", std::to_string(clock_.NowMillis() / 1000 + 900));
  });
  api_.Start();
  Drained d = Run(Options());
  EXPECT_EQ(d.status.code(), Status::Code::kUnavailable);
  EXPECT_NE(d.status.message().find("usage cap reached"), std::string::npos) << d.status.message();
  EXPECT_NE(d.status.message().find("x-rate-limit-remaining is 449"), std::string::npos) << d.status.message();
  EXPECT_EQ(Pages(d), (std::vector<std::string>{"tweets_p1.json", "tweets_p2.json", "mentions_p1.json"}));
  EXPECT_EQ(api_.hits(kSearch), 1);
  EXPECT_TRUE(clock_.sleeps().empty()) << "waiting does not help a cap";
  // Mentions were fully read; tweets wait for their conversations.
  EXPECT_EQ(d.checkpoints, (Checkpoints{kAliceDone[1]}));
  EXPECT_NE(log_.All().find("W x: @alice: conversation 1790000000000000300 page 1: usage cap reached"),
            std::string::npos)
      << log_.All();
}

TEST_F(XApiSourceTest, A5xxBurstThenSuccessLosesNothing) {
  int failures = 0;
  api_.Fault(kTweets, [&failures](const httplib::Request& req, int) -> std::optional<Reply> {
    if (req.get_param_value("pagination_token").empty() || failures >= 3) return std::nullopt;
    ++failures;
    return Reply::Status(failures == 2 ? 502 : 503, "<html><body>upstream busy</body></html>");
  });
  api_.Start();
  Drained d = Run(Options());
  ASSERT_TRUE(d.status.ok()) << d.status.ToString();
  EXPECT_EQ(Pages(d), kAllAlice);
  EXPECT_EQ(api_.hits(kTweets), 5);
  EXPECT_EQ(clock_.sleeps().size(), 3u);
  EXPECT_EQ(d.checkpoints, kAliceDone);
}

TEST_F(XApiSourceTest, A5xxThatDoesNotEndStopsTheSourceAndKeepsTheCursors) {
  cursors_.cursors = {{"x:user:" + kAlice + ":tweets", "1790000000000000001"}};
  api_.Route(kTweets, [](const httplib::Request& req, int) {
    if (!req.get_param_value("pagination_token").empty()) return Reply::Status(503, "over capacity");
    return Reply::File(kDir + "tweets_p1.json");
  });
  api_.Start();
  Drained d = Run(Options(), 10'000, /*max_attempts=*/3);
  EXPECT_EQ(d.status.code(), Status::Code::kUnavailable);
  EXPECT_NE(d.status.message().find("x: @alice: tweets page 2: HTTP 503"), std::string::npos) << d.status.message();
  EXPECT_NE(d.status.message().find("after 3 attempts"), std::string::npos);
  EXPECT_EQ(Pages(d), std::vector<std::string>{"tweets_p1.json"});
  EXPECT_EQ(d.checkpoints, (Checkpoints{{"x:user:" + kAlice + ":tweets", "1790000000000000001"}}))
      << "the backlog below page 1 was not read: the old cursor stays";
}

TEST_F(XApiSourceTest, ATimeoutIsRetried) {
  api_.Fault(kMentions, [](const httplib::Request&, int hit) -> std::optional<Reply> {
    if (hit != 1) return std::nullopt;
    Reply slow = Reply::File(kDir + "mentions_p1.json");
    slow.delay_ms = 1500;
    return slow;
  });
  api_.Start();
  Drained d = Run(Options(), /*total_timeout_ms=*/400);
  ASSERT_TRUE(d.status.ok()) << d.status.ToString();
  EXPECT_EQ(Pages(d), kAllAlice) << "the slow answer was dropped, the retry's kept";
  EXPECT_EQ(api_.hits(kMentions), 2);
  EXPECT_EQ(d.checkpoints, kAliceDone);
}

TEST_F(XApiSourceTest, AConnectionResetMidBodyIsRetried) {
  api_.Fault(kTweets, [](const httplib::Request&, int hit) -> std::optional<Reply> {
    if (hit != 1) return std::nullopt;
    Reply cut = Reply::File(kDir + "tweets_p1.json");
    cut.cut_mid_body = true;
    return cut;
  });
  api_.Start();
  Drained d = Run(Options());
  ASSERT_TRUE(d.status.ok()) << d.status.ToString();
  EXPECT_EQ(Pages(d), kAllAlice);
  EXPECT_EQ(api_.hits(kTweets), 3);
  EXPECT_EQ(clock_.sleeps().size(), 1u);
}

TEST_F(XApiSourceTest, TruncatedJsonIsYieldedForTheDeadLetterFileAndKeepsTheCursor) {
  const std::string p2 = ReadFile(kDir + "tweets_p2.json");
  api_.Fault(kTweets, [&](const httplib::Request& req, int) -> std::optional<Reply> {
    if (req.get_param_value("pagination_token").empty()) return std::nullopt;
    return Reply::Json(p2.substr(0, p2.size() / 2));  // a complete HTTP answer with half a JSON document
  });
  api_.Start();
  Drained d = Run(Options({"alice", "bob"}));
  EXPECT_EQ(d.status.code(), Status::Code::kCorruption);
  EXPECT_NE(d.status.message().find("x: @alice: tweets page 2: invalid JSON (truncated?)"), std::string::npos)
      << d.status.message();
  ASSERT_EQ(d.docs.size(), 3u);
  EXPECT_EQ(Pages(d)[0], "tweets_p1.json");
  EXPECT_EQ(d.docs[1].bytes, p2.substr(0, p2.size() / 2)) << "yielded as is: the parser dead-letters it";
  EXPECT_EQ(d.docs[1].origin.line, 2u);
  EXPECT_EQ(Pages(d)[2], "bob_tweets.json") << "Bob is still read";
  EXPECT_EQ(api_.hits(kMentions), 0) << "Alice stopped";
  EXPECT_EQ(d.checkpoints, (Checkpoints{{"x:user:" + kBob + ":tweets", "1790000000000000400"}}));
}

TEST_F(XApiSourceTest, APageOfOnlyErrorsIsYieldedAndLogged) {
  api_.Route(kMentions, [](const httplib::Request&, int) { return Reply::File(kDir + "errors_only.json"); });
  api_.Start();
  Drained d = Run(Options());
  ASSERT_TRUE(d.status.ok()) << d.status.ToString();
  EXPECT_EQ(Pages(d), (std::vector<std::string>{"tweets_p1.json", "tweets_p2.json", "errors_only.json",
                                                "conversation_300.json", "conversation_100.json"}));
  EXPECT_NE(log_.All().find("W x: @alice: mentions page 1: partial errors from the API: Authorization Error: "
                            "Sorry, you are not authorized"),
            std::string::npos)
      << log_.All();
  EXPECT_EQ(d.checkpoints, (Checkpoints{kAliceDone[0]})) << "no mention id seen: no mentions cursor";
}

TEST_F(XApiSourceTest, AnEmptyLastPageIsNotYielded) {
  api_.Route(kTweets, [](const httplib::Request& req, int) {
    if (req.get_param_value("pagination_token") == kPage2Token) return Reply::File(kDir + "empty.json");
    return Reply::File(kDir + "tweets_p1.json");
  });
  api_.Start();
  Drained d = Run(Options());
  ASSERT_TRUE(d.status.ok()) << d.status.ToString();
  EXPECT_EQ(Pages(d), (std::vector<std::string>{"tweets_p1.json", "mentions_p1.json", "conversation_300.json",
                                                "conversation_100.json"}));
  EXPECT_EQ(d.checkpoints, kAliceDone);
}

TEST_F(XApiSourceTest, APageRepeatingThePreviousOneDoesNotLoop) {
  api_.Route(kTweets, [](const httplib::Request&, int) { return Reply::File(kDir + "tweets_p1.json"); });
  api_.Start();
  Drained d = Run(Options());
  EXPECT_EQ(d.status.code(), Status::Code::kCorruption);
  EXPECT_NE(d.status.message().find("the API returned the same page twice"), std::string::npos)
      << d.status.message();
  EXPECT_EQ(Pages(d), std::vector<std::string>{"tweets_p1.json"}) << "the repeat is not yielded again";
  EXPECT_EQ(api_.hits(kTweets), 2);
  EXPECT_TRUE(d.checkpoints.empty());
}

TEST_F(XApiSourceTest, ARepeatedNextTokenDoesNotLoop) {
  // Page 2 ends with the same next_token as page 1.
  std::string p2 = ReadFile(kDir + "tweets_p2.json");
  p2.insert(p2.rfind("}}"), R"(,"next_token":")" + kPage2Token + R"(")");
  api_.Route(kTweets, [&](const httplib::Request& req, int) {
    if (req.get_param_value("pagination_token") == kPage2Token) return Reply::Json(p2);
    return Reply::File(kDir + "tweets_p1.json");
  });
  api_.Start();
  Drained d = Run(Options());
  EXPECT_EQ(d.status.code(), Status::Code::kCorruption) << d.status.ToString();
  EXPECT_NE(d.status.message().find("returned next_token " + kPage2Token + " again"), std::string::npos)
      << d.status.message();
  ASSERT_EQ(d.docs.size(), 2u);
  EXPECT_EQ(d.docs[1].bytes, p2) << "its posts are new: yielded";
  EXPECT_EQ(api_.hits(kTweets), 2);
  EXPECT_TRUE(d.checkpoints.empty());
}

TEST_F(XApiSourceTest, HtmlInsteadOfJsonIsYieldedNotSavedAndStopsTheUser) {
  const std::string html = "<!DOCTYPE html>\n<html><head><title>Over capacity</title></head><body>x</body></html>";
  api_.Route(kMentions, [&](const httplib::Request&, int) {
    Reply r = Reply::Json(html);
    r.content_type = "text/html; charset=utf-8";
    return r;
  });
  TempDir raw;
  api_.Start();
  XApiSourceOptions options = Options();
  options.common.save_raw_dir = raw.path();
  Drained d = Run(options);
  EXPECT_EQ(d.status.code(), Status::Code::kCorruption);
  EXPECT_NE(d.status.message().find("x: @alice: mentions page 1: not JSON: the body starts with '<'"),
            std::string::npos)
      << d.status.message();
  ASSERT_EQ(d.docs.size(), 3u);
  EXPECT_EQ(d.docs[2].bytes, html);
  EXPECT_EQ(api_.hits(kSearch), 0);
  EXPECT_TRUE(d.checkpoints.empty());
  std::string saved;
  for (const auto& entry : std::filesystem::directory_iterator(raw.path())) saved += ReadFile(entry.path().string());
  EXPECT_EQ(saved.find("<html>"), std::string::npos) << "only JSON pages are kept for replay";
  EXPECT_NE(saved.find("1790000000000000280"), std::string::npos);
}

TEST_F(XApiSourceTest, RefusedTokenNamesTheVariableNeverTheValue) {
  api_.Route("/2/users/by/username/alice", [](const httplib::Request& req, int) {
    // A server that echoes the credential back.
    return Reply::Status(401, R"({"title":"Unauthorized","type":"about:blank","status":401,"detail":"Unauthorized )" +
                                  req.get_header_value("Authorization") + R"("})");
  });
  api_.Start();
  Drained d = Run(Options({"alice", "bob"}));
  EXPECT_EQ(d.status.code(), Status::Code::kInvalidArgument);
  EXPECT_NE(d.status.message().find("$RAPPORT_X_BEARER_TOKEN"), std::string::npos) << d.status.message();
  EXPECT_NE(d.status.message().find("HTTP 401"), std::string::npos);
  EXPECT_TRUE(d.docs.empty());
  EXPECT_EQ(api_.hits("/2/users/by/username/bob"), 0) << "a refused credential stops the source";
  ExpectNoToken(d);
}

TEST_F(XApiSourceTest, TheTokenNeverReachesPagesSavedFilesOrLogs) {
  api_.Route(kMentions, [](const httplib::Request& req, int) {
    std::string page = ReadFile(kDir + "mentions_p1.json");
    std::string auth = req.get_header_value("Authorization");
    page.replace(page.find("happy birthday"), 14, "echo " + auth.substr(auth.find(' ') + 1));
    return Reply::Json(page);
  });
  TempDir raw;
  api_.Start();
  XApiSourceOptions options = Options();
  options.common.save_raw_dir = raw.path();
  Drained d = Run(options);
  ASSERT_TRUE(d.status.ok()) << d.status.ToString();
  ASSERT_EQ(d.docs.size(), 5u);
  EXPECT_NE(d.docs[2].bytes.find("echo REDACTED"), std::string::npos) << d.docs[2].bytes;
  ExpectNoToken(d);
  size_t files = 0;
  for (const auto& entry : std::filesystem::directory_iterator(raw.path())) {
    ++files;
    std::string saved = ReadFile(entry.path().string());
    EXPECT_EQ(saved.find(kToken), std::string::npos) << entry.path();
    EXPECT_EQ(saved.find(httplib::detail::decode_url(kToken, false)), std::string::npos) << entry.path();
  }
  EXPECT_EQ(files, 1u);
}

TEST_F(XApiSourceTest, NoTokenFailsBeforeAnyRequest) {
  api_.Start();
  XApiSourceOptions options = Options();
  options.bearer_token.clear();
  Drained d = Run(options);
  EXPECT_EQ(d.status.code(), Status::Code::kInvalidArgument);
  EXPECT_NE(d.status.message().find("set $RAPPORT_X_BEARER_TOKEN"), std::string::npos) << d.status.message();
  EXPECT_TRUE(api_.requests().empty());
}

TEST_F(XApiSourceTest, AnUnknownUserIsReportedAndTheOthersAreRead) {
  api_.Start();
  Drained d = Run(Options({"nosuchuser", "@bob", "bad-name!"}));
  EXPECT_EQ(d.status.code(), Status::Code::kNotFound);
  EXPECT_NE(d.status.message().find("x: @nosuchuser: no such X user (Not Found Error: Could not find user with "
                                    "username: [nosuchuser].): check --x-users"),
            std::string::npos)
      << d.status.message();
  EXPECT_EQ(Pages(d), std::vector<std::string>{"bob_tweets.json"});
  EXPECT_EQ(d.checkpoints, (Checkpoints{{"x:user:" + kBob + ":tweets", "1790000000000000400"}}));
  EXPECT_NE(log_.All().find("'bad-name!' is not an X username"), std::string::npos) << log_.All();
}

TEST_F(XApiSourceTest, ThePageLimitKeepsTheOldCursor) {
  cursors_.cursors = {{"x:user:" + kAlice + ":tweets", "1790000000000000001"}};
  api_.Route(kTweets, [](const httplib::Request& req, int) {
    if (req.get_param_value("pagination_token") == kPage2Token) return Reply::File(kDir + "tweets_p2.json");
    return Reply::File(kDir + "tweets_p1.json");
  });
  api_.Start();
  XApiSourceOptions options = Options();
  options.common.limits.max_pages = 1;
  options.common.limits.max_threads = 1;
  Drained d = Run(options);
  ASSERT_TRUE(d.status.ok()) << d.status.ToString();
  EXPECT_EQ(Pages(d), (std::vector<std::string>{"tweets_p1.json", "mentions_p1.json", "conversation_300.json"}));
  EXPECT_EQ(d.checkpoints, (Checkpoints{{"x:user:" + kAlice + ":tweets", "1790000000000000001"}, kAliceDone[1]}));
  EXPECT_NE(log_.All().find("stopped at the limit of 1 pages before reaching id 1790000000000000001"),
            std::string::npos)
      << log_.All();
}

TEST_F(XApiSourceTest, SavedPagesReplayThroughTheFileSource) {
  TempDir raw;
  api_.Start();
  XApiSourceOptions options = Options();
  options.common.save_raw_dir = raw.path() + "/raw";
  Drained live = Run(options);
  ASSERT_TRUE(live.status.ok()) << live.status.ToString();
  // 2023-06-01 is the FakeClock's date.
  const std::string file = raw.path() + "/raw/x-20230601.jsonl";
  ASSERT_TRUE(std::filesystem::exists(file));
  std::unique_ptr<Source> replay = NewFileSource({raw.path() + "/raw"});
  std::vector<RawDoc> replayed;
  RawDoc doc;
  while (replay->Next(&doc)) replayed.push_back(doc);
  ASSERT_TRUE(replay->status().ok()) << replay->status().ToString();
  ASSERT_EQ(replayed.size(), live.docs.size());
  for (size_t i = 0; i < replayed.size(); ++i) {
    std::string one_line = live.docs[i].bytes;
    for (char& c : one_line)
      if (c == '\n' || c == '\r') c = ' ';
    EXPECT_EQ(replayed[i].bytes, one_line) << i;
    EXPECT_TRUE(replayed[i].platform.empty()) << "replays are recognised by content";
  }
}

}  // namespace
}  // namespace rapport::connectors

#endif  // RAPPORT_HAVE_HTTPLIB
