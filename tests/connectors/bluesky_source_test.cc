// BlueskySource against a real HTTP server on 127.0.0.1 replaying AppView
// responses (tests/data/connectors/bluesky/) with injected faults.
#include "connectors/bluesky_source.h"

#include <gtest/gtest.h>

#ifdef RAPPORT_HAVE_HTTPLIB

#include <string>
#include <vector>

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

const std::string kDir = std::string(RAPPORT_TEST_DATA_DIR) + "/connectors/bluesky/";
const std::string kFeed = "/xrpc/app.bsky.feed.getAuthorFeed";
const std::string kThread = "/xrpc/app.bsky.feed.getPostThread";
const std::string kAliceDid = "did:plc:alice111111111111111111";
const std::string kA1 = "at://" + kAliceDid + "/app.bsky.feed.post/3a1";
const std::string kA3 = "at://" + kAliceDid + "/app.bsky.feed.post/3a3";
const std::string kKey = "bluesky:actor:alice.bsky.social";
const std::string kNewest = "2025-05-05T01:30:17.912Z";  // a1: createdAt, earlier than its indexedAt
using Checkpoints = std::vector<std::pair<std::string, std::string>>;

std::vector<std::string> Pages(const Drained& d) {
  static const char* kFiles[] = {"feed_p1.json", "feed_p2.json", "thread_a1.json", "thread_a3.json",
                                 "empty_feed.json"};
  std::vector<std::string> names;
  for (const RawDoc& doc : d.docs) {
    std::string name = "?" + doc.bytes.substr(0, 40);
    for (const char* file : kFiles)
      if (doc.bytes == ReadFile(kDir + file)) name = file;
    names.push_back(name);
  }
  return names;
}

class BlueskySourceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    api_.Route(kFeed, [](const httplib::Request& req, int) {
      if (req.get_param_value("actor") != "alice.bsky.social") {
        return Reply::Status(400, R"({"error":"InvalidRequest","message":"Profile not found"})");
      }
      if (req.get_param_value("cursor") == "2025-05-04T09:00:00.000Z") return Reply::File(kDir + "feed_p2.json");
      return Reply::File(kDir + "feed_p1.json");
    });
    api_.Route(kThread, [](const httplib::Request& req, int) {
      std::string uri = req.get_param_value("uri");
      if (uri == kA1) return Reply::File(kDir + "thread_a1.json");
      if (uri == kA3) return Reply::File(kDir + "thread_a3.json");
      return Reply::Status(400, R"({"error":"NotFound","message":"Post not found: )" + uri + R"("})");
    });
  }

  Drained Run(std::vector<std::string> actors = {"alice.bsky.social"}, LiveLimits limits = {},
              HttpClientOptions curl = {}) {
    RetryingHttpClientOptions retry;
    retry.clock = &clock_;
    retry.retry.seed = 42;
    http_ = NewRetryingHttpClient(NewCurlHttpClient(curl), retry);
    BlueskySourceOptions options;
    options.api_base = api_.base();
    options.actors = std::move(actors);
    options.common.clock = &clock_;
    options.common.log = log_.Fn();
    options.common.limits = limits;
    std::unique_ptr<Source> source = NewBlueskySource(http_.get(), &cursors_, std::move(options));
    return rapport::testing::Drain(source.get());
  }

  std::vector<std::string> Queries(const std::string& path) const {
    std::vector<std::string> out;
    for (const std::string& target : api_.requests())
      if (PathOf(target) == path) out.push_back(DecodedQuery(target));
    return out;
  }

  const std::vector<std::string> kAll = {"feed_p1.json", "feed_p2.json", "thread_a1.json", "thread_a3.json"};
  FakeApi api_;
  FakeClock clock_;
  MapCursors cursors_;
  LogSink log_;
  std::unique_ptr<HttpClient> http_;
};

TEST_F(BlueskySourceTest, FirstRunWalksTheFeedThenTheThreadsWithReplies) {
  api_.Start();
  Drained d = Run();
  ASSERT_TRUE(d.status.ok()) << d.status.ToString();
  EXPECT_EQ(Pages(d), kAll);
  for (const RawDoc& doc : d.docs) EXPECT_EQ(doc.platform, "bluesky");
  EXPECT_EQ(Queries(kFeed), (std::vector<std::string>{"actor=alice.bsky.social&limit=100",
                                                      "actor=alice.bsky.social&limit=100&cursor=2025-05-04T09:00:00.000Z"}));
  // Own posts with replies only: not the repost, not the reply without replies.
  EXPECT_EQ(Queries(kThread), (std::vector<std::string>{"uri=" + kA1 + "&depth=10", "uri=" + kA3 + "&depth=10"}));
  EXPECT_NE(api_.requests()[2].find("uri=at%3A%2F%2Fdid%3Aplc%3Aalice"), std::string::npos)
      << "the at:// URI is percent-encoded: " << api_.requests()[2];
  EXPECT_EQ(d.docs[1].origin.line, 2u);
  EXPECT_EQ(d.docs[1].origin.source,
            api_.base() + kFeed + "?actor=alice.bsky.social&limit=100&cursor=2025-05-04T09%3A00%3A00.000Z");
  EXPECT_EQ(d.checkpoints, (Checkpoints{{kKey, kNewest}}));
}

TEST_F(BlueskySourceTest, ALaterRunStopsAtTheStoredCursor) {
  cursors_.cursors[kKey] = kNewest;
  api_.Start();
  Drained d = Run({"@alice.bsky.social"});
  ASSERT_TRUE(d.status.ok()) << d.status.ToString();
  EXPECT_EQ(Pages(d), std::vector<std::string>{"feed_p1.json"}) << "page 1 reaches the cursor: no page 2";
  EXPECT_EQ(api_.hits(kThread), 0) << "threads of posts seen before are not fetched again";
  EXPECT_EQ(d.checkpoints, (Checkpoints{{kKey, kNewest}}));
}

TEST_F(BlueskySourceTest, NewPostsSinceTheCursorAndTheirThreads) {
  cursors_.cursors[kKey] = "2025-05-04T10:00:00.000Z";
  api_.Start();
  Drained d = Run();
  ASSERT_TRUE(d.status.ok()) << d.status.ToString();
  EXPECT_EQ(Pages(d), (std::vector<std::string>{"feed_p1.json", "thread_a1.json"}));
  EXPECT_EQ(d.checkpoints, (Checkpoints{{kKey, kNewest}}));
}

TEST_F(BlueskySourceTest, A429IsWaitedOutUntilRateLimitReset) {
  const int64_t reset_s = clock_.NowMillis() / 1000 + 200;
  api_.Fault(kThread, [&](const httplib::Request&, int hit) -> std::optional<Reply> {
    if (hit != 1) return std::nullopt;
    return Reply::Status(429, R"({"error":"RateLimitExceeded","message":"Rate Limit Exceeded"})")
        .Header("RateLimit-Limit", "3000")
        .Header("RateLimit-Remaining", "0")
        .Header("RateLimit-Reset", std::to_string(reset_s))
        .Header("RateLimit-Policy", "3000;w=300");
  });
  api_.Start();
  Drained d = Run();
  ASSERT_TRUE(d.status.ok()) << d.status.ToString();
  EXPECT_EQ(Pages(d), kAll);
  ASSERT_EQ(clock_.sleeps().size(), 1u);
  EXPECT_GE(clock_.NowMillis(), reset_s * 1000);
  EXPECT_EQ(d.checkpoints, (Checkpoints{{kKey, kNewest}}));
}

TEST_F(BlueskySourceTest, A429ResettingTooLateStopsTheSourceAndKeepsTheCursor) {
  cursors_.cursors[kKey] = "2025-01-01T00:00:00.000Z";
  api_.Fault(kFeed, [&](const httplib::Request& req, int) -> std::optional<Reply> {
    if (req.get_param_value("cursor").empty()) return std::nullopt;
    return Reply::Status(429, R"({"error":"RateLimitExceeded"})")
        .Header("RateLimit-Remaining", "0")
        .Header("RateLimit-Reset", std::to_string(clock_.NowMillis() / 1000 + 3600));
  });
  api_.Start();
  Drained d = Run();
  EXPECT_EQ(d.status.code(), Status::Code::kUnavailable);
  EXPECT_NE(d.status.message().find("bluesky: alice.bsky.social: author feed page 2: rate limited until"),
            std::string::npos)
      << d.status.message();
  EXPECT_EQ(Pages(d), std::vector<std::string>{"feed_p1.json"});
  EXPECT_EQ(d.checkpoints, (Checkpoints{{kKey, "2025-01-01T00:00:00.000Z"}}));
}

TEST_F(BlueskySourceTest, A5xxBurstAndAResetConnectionAreRetried) {
  api_.Fault(kThread, [](const httplib::Request&, int hit) -> std::optional<Reply> {
    if (hit <= 2) return Reply::Status(502, "<html>Bad gateway</html>");
    return std::nullopt;
  });
  api_.Fault(kFeed, [](const httplib::Request&, int hit) -> std::optional<Reply> {
    if (hit != 1) return std::nullopt;
    Reply cut = Reply::File(kDir + "feed_p1.json");
    cut.cut_mid_body = true;
    return cut;
  });
  api_.Start();
  Drained d = Run();
  ASSERT_TRUE(d.status.ok()) << d.status.ToString();
  EXPECT_EQ(Pages(d), kAll);
  EXPECT_EQ(clock_.sleeps().size(), 3u);
  EXPECT_EQ(d.checkpoints, (Checkpoints{{kKey, kNewest}}));
}

TEST_F(BlueskySourceTest, A429WithoutHeadersCannotBeTimedAndStopsTheSource) {
  cursors_.cursors[kKey] = "2025-01-01T00:00:00.000Z";
  api_.Fault(kFeed, [](const httplib::Request& req, int) -> std::optional<Reply> {
    if (req.get_param_value("cursor").empty()) return std::nullopt;
    return Reply::Status(429, R"({"error":"RateLimitExceeded","message":"Rate Limit Exceeded"})");
  });
  api_.Start();
  // ghost.bsky.social would be a third getAuthorFeed request if the source went on.
  Drained d = Run({"alice.bsky.social", "ghost.bsky.social"});
  EXPECT_EQ(d.status.code(), Status::Code::kUnavailable);
  EXPECT_NE(d.status.message().find("bluesky: alice.bsky.social: author feed page 2: usage cap reached"),
            std::string::npos)
      << d.status.message();
  EXPECT_NE(d.status.message().find("no rate-limit reset header"), std::string::npos) << d.status.message();
  EXPECT_EQ(Pages(d), std::vector<std::string>{"feed_p1.json"}) << "yielded before the 429";
  EXPECT_EQ(api_.hits(kFeed), 2) << "not retried, and the next actor is not read";
  EXPECT_EQ(api_.hits(kThread), 0);
  EXPECT_TRUE(clock_.sleeps().empty()) << "nothing to wait for";
  EXPECT_EQ(d.checkpoints, (Checkpoints{{kKey, "2025-01-01T00:00:00.000Z"}})) << "page 2 was not read";
}

TEST_F(BlueskySourceTest, A429WhileRequestsRemainStopsAtOnce) {
  api_.Fault(kThread, [&](const httplib::Request&, int) -> std::optional<Reply> {
    return Reply::Status(429, R"({"error":"RateLimitExceeded","message":"Rate Limit Exceeded"})")
        .Header("RateLimit-Limit", "3000")
        .Header("RateLimit-Remaining", "2990")
        .Header("RateLimit-Reset", std::to_string(clock_.NowMillis() / 1000 + 60))
        .Header("RateLimit-Policy", "3000;w=300");
  });
  api_.Start();
  Drained d = Run();
  EXPECT_EQ(d.status.code(), Status::Code::kUnavailable);
  EXPECT_NE(d.status.message().find("bluesky: alice.bsky.social: thread " + kA1 + ": usage cap reached"),
            std::string::npos)
      << d.status.message();
  EXPECT_NE(d.status.message().find("ratelimit-remaining is 2990"), std::string::npos) << d.status.message();
  EXPECT_EQ(Pages(d), (std::vector<std::string>{"feed_p1.json", "feed_p2.json"}));
  EXPECT_EQ(api_.hits(kThread), 1) << "not retried";
  EXPECT_TRUE(clock_.sleeps().empty()) << "waiting for this reset would not help";
  EXPECT_TRUE(d.checkpoints.empty()) << "the threads were not read: the feed cursor does not move";
}

TEST_F(BlueskySourceTest, ATimeoutIsRetried) {
  api_.Fault(kFeed, [](const httplib::Request&, int hit) -> std::optional<Reply> {
    if (hit != 2) return std::nullopt;  // the first request for page 2
    Reply slow = Reply::File(kDir + "feed_p2.json");
    slow.delay_ms = 1500;
    return slow;
  });
  api_.Start();
  HttpClientOptions curl;
  curl.total_timeout_ms = 400;
  Drained d = Run({"alice.bsky.social"}, {}, curl);
  ASSERT_TRUE(d.status.ok()) << d.status.ToString();
  EXPECT_EQ(Pages(d), kAll) << "the slow answer was dropped, the retry's kept";
  EXPECT_EQ(Queries(kFeed), (std::vector<std::string>{"actor=alice.bsky.social&limit=100",
                                                      "actor=alice.bsky.social&limit=100&cursor=2025-05-04T09:00:00.000Z",
                                                      "actor=alice.bsky.social&limit=100&cursor=2025-05-04T09:00:00.000Z"}));
  EXPECT_EQ(clock_.sleeps().size(), 1u);
  EXPECT_EQ(d.checkpoints, (Checkpoints{{kKey, kNewest}}));
}

TEST_F(BlueskySourceTest, APageRepeatingThePreviousOneDoesNotLoop) {
  // Page 2 has the same posts as page 1 under a new cursor: only the posts show the repeat.
  cursors_.cursors[kKey] = "2025-01-01T00:00:00.000Z";
  api_.Route(kFeed, [](const httplib::Request& req, int) {
    std::string page = ReadFile(kDir + "feed_p1.json");
    if (!req.get_param_value("cursor").empty()) {
      page.replace(page.find("2025-05-04T09:00:00.000Z"), 24, "2025-05-01T00:00:00.000Z");
    }
    return Reply::Json(page);
  });
  api_.Start();
  Drained d = Run();
  EXPECT_EQ(d.status.code(), Status::Code::kCorruption);
  EXPECT_NE(d.status.message().find("author feed page 2: the AppView returned the same page twice"),
            std::string::npos)
      << d.status.message();
  EXPECT_EQ(Pages(d), std::vector<std::string>{"feed_p1.json"}) << "the repeat is not yielded again";
  EXPECT_EQ(api_.hits(kFeed), 2);
  EXPECT_EQ(api_.hits(kThread), 0);
  EXPECT_EQ(d.checkpoints, (Checkpoints{{kKey, "2025-01-01T00:00:00.000Z"}}));
}

TEST_F(BlueskySourceTest, AnErrorBodyWithStatus200KeepsTheCursor) {
  // XRPC errors should come with a 4xx/5xx, but a proxy or a broken AppView may answer 200.
  cursors_.cursors[kKey] = "2025-01-01T00:00:00.000Z";
  api_.Fault(kFeed, [](const httplib::Request& req, int) -> std::optional<Reply> {
    if (req.get_param_value("cursor").empty()) return std::nullopt;
    return Reply::Json(R"({"error":"InternalServerError","message":"Internal Server Error"})");
  });
  api_.Start();
  Drained d = Run();
  EXPECT_EQ(d.status.code(), Status::Code::kCorruption);
  EXPECT_NE(d.status.message().find("bluesky: alice.bsky.social: author feed page 2: error: InternalServerError: "
                                    "Internal Server Error"),
            std::string::npos)
      << d.status.message();
  EXPECT_EQ(Pages(d), std::vector<std::string>{"feed_p1.json"}) << "the error body is not a page of posts";
  EXPECT_EQ(api_.hits(kThread), 0);
  EXPECT_EQ(d.checkpoints, (Checkpoints{{kKey, "2025-01-01T00:00:00.000Z"}}))
      << "page 2 was never read: the cursor must not move past it";
}

TEST_F(BlueskySourceTest, AnErrorBodyWithStatus200ForAThreadKeepsTheCursor) {
  api_.Fault(kThread, [](const httplib::Request& req, int) -> std::optional<Reply> {
    if (req.get_param_value("uri") != kA3) return std::nullopt;
    return Reply::Json(R"({"error":"InternalServerError","message":"Internal Server Error"})");
  });
  api_.Start();
  Drained d = Run();
  EXPECT_EQ(d.status.code(), Status::Code::kCorruption);
  EXPECT_NE(d.status.message().find("thread " + kA3 + ": error: InternalServerError"), std::string::npos)
      << d.status.message();
  EXPECT_EQ(Pages(d), (std::vector<std::string>{"feed_p1.json", "feed_p2.json", "thread_a1.json"}));
  EXPECT_TRUE(d.checkpoints.empty()) << "a3's replies were not read";
}

TEST_F(BlueskySourceTest, ANotFoundBodyWithStatus200IsADeletedThread) {
  api_.Fault(kThread, [](const httplib::Request& req, int) -> std::optional<Reply> {
    if (req.get_param_value("uri") != kA3) return std::nullopt;
    return Reply::Json(R"({"error":"NotFound","message":"Post not found"})");
  });
  api_.Start();
  Drained d = Run();
  ASSERT_TRUE(d.status.ok()) << d.status.ToString();
  EXPECT_EQ(Pages(d), (std::vector<std::string>{"feed_p1.json", "feed_p2.json", "thread_a1.json"}));
  EXPECT_EQ(d.checkpoints, (Checkpoints{{kKey, kNewest}}));
  EXPECT_NE(log_.All().find("the post is gone (NotFound: Post not found)"), std::string::npos) << log_.All();
}

TEST_F(BlueskySourceTest, ARepeatedCursorDoesNotLoop) {
  api_.Route(kFeed, [](const httplib::Request&, int) {
    std::string page = ReadFile(kDir + "feed_p2.json");
    page.insert(page.rfind('}'), R"(,"cursor":"2025-05-04T09:00:00.000Z")");
    return Reply::Json(page);
  });
  api_.Start();
  Drained d = Run();
  EXPECT_EQ(d.status.code(), Status::Code::kCorruption);
  EXPECT_NE(d.status.message().find("the AppView returned the same page twice"), std::string::npos)
      << d.status.message();
  EXPECT_EQ(d.docs.size(), 1u);
  EXPECT_EQ(api_.hits(kFeed), 2);
  EXPECT_TRUE(d.checkpoints.empty());
}

TEST_F(BlueskySourceTest, ACursorEqualToTheRequestOneDoesNotLoop) {
  api_.Route(kFeed, [](const httplib::Request& req, int) {
    if (req.get_param_value("cursor").empty()) return Reply::File(kDir + "feed_p1.json");
    std::string page = ReadFile(kDir + "feed_p2.json");
    page.insert(page.rfind('}'), R"(,"cursor":"2025-05-04T09:00:00.000Z")");
    return Reply::Json(page);
  });
  api_.Start();
  Drained d = Run();
  EXPECT_EQ(d.status.code(), Status::Code::kCorruption);
  EXPECT_NE(d.status.message().find("returned cursor 2025-05-04T09:00:00.000Z again"), std::string::npos)
      << d.status.message();
  ASSERT_EQ(d.docs.size(), 2u);
  EXPECT_EQ(api_.hits(kFeed), 2);
  EXPECT_EQ(api_.hits(kThread), 0);
  EXPECT_TRUE(d.checkpoints.empty());
}

TEST_F(BlueskySourceTest, ADeletedThreadIsSkipped) {
  api_.Route(kThread, [](const httplib::Request& req, int) {
    if (req.get_param_value("uri") == kA1) return Reply::File(kDir + "thread_a1.json");
    return Reply::Status(400, R"({"error":"NotFound","message":"Post not found: )" + kA3 + R"("})");
  });
  api_.Start();
  Drained d = Run();
  ASSERT_TRUE(d.status.ok()) << d.status.ToString();
  EXPECT_EQ(Pages(d), (std::vector<std::string>{"feed_p1.json", "feed_p2.json", "thread_a1.json"}));
  EXPECT_EQ(d.checkpoints, (Checkpoints{{kKey, kNewest}}));
  EXPECT_NE(log_.All().find("the post is gone (NotFound: Post not found"), std::string::npos) << log_.All();
}

TEST_F(BlueskySourceTest, AnUnknownActorIsReportedAndTheOthersAreRead) {
  api_.Start();
  Drained d = Run({"ghost.bsky.social", "alice.bsky.social"});
  EXPECT_EQ(d.status.code(), Status::Code::kNotFound);
  EXPECT_NE(d.status.message().find("bluesky: ghost.bsky.social: author feed page 1: HTTP 400"), std::string::npos)
      << d.status.message();
  EXPECT_NE(d.status.message().find("Profile not found"), std::string::npos);
  EXPECT_NE(d.status.message().find("check bluesky_actors"), std::string::npos);
  EXPECT_EQ(Pages(d), kAll);
  EXPECT_EQ(d.checkpoints, (Checkpoints{{kKey, kNewest}}));
}

TEST_F(BlueskySourceTest, TruncatedJsonIsYieldedAndKeepsTheCursor) {
  const std::string p2 = ReadFile(kDir + "feed_p2.json");
  api_.Fault(kFeed, [&](const httplib::Request& req, int) -> std::optional<Reply> {
    if (req.get_param_value("cursor").empty()) return std::nullopt;
    return Reply::Json(p2.substr(0, p2.size() - 10));
  });
  api_.Start();
  Drained d = Run();
  EXPECT_EQ(d.status.code(), Status::Code::kCorruption);
  EXPECT_NE(d.status.message().find("author feed page 2: invalid JSON"), std::string::npos) << d.status.message();
  ASSERT_EQ(d.docs.size(), 2u);
  EXPECT_EQ(d.docs[1].bytes, p2.substr(0, p2.size() - 10));
  EXPECT_EQ(api_.hits(kThread), 0);
  EXPECT_TRUE(d.checkpoints.empty());
}

TEST_F(BlueskySourceTest, HtmlInsteadOfAThreadKeepsTheCursor) {
  api_.Fault(kThread, [](const httplib::Request&, int) -> std::optional<Reply> {
    Reply r = Reply::Json("<html><body>Service Unavailable</body></html>");
    r.content_type = "text/html";
    return r;
  });
  api_.Start();
  Drained d = Run();
  EXPECT_EQ(d.status.code(), Status::Code::kCorruption);
  ASSERT_EQ(d.docs.size(), 3u) << "the account stops at the bad page";
  EXPECT_EQ(Pages(d)[0], "feed_p1.json");
  EXPECT_EQ(Pages(d)[1], "feed_p2.json");
  EXPECT_EQ(d.docs[2].bytes, "<html><body>Service Unavailable</body></html>") << "yielded for the dead-letter file";
  EXPECT_TRUE(d.checkpoints.empty()) << "a thread was not read: the feed cursor does not move";
}

TEST_F(BlueskySourceTest, AnEmptyFeedYieldsNothing) {
  api_.Route(kFeed, [](const httplib::Request&, int) { return Reply::File(kDir + "empty_feed.json"); });
  api_.Start();
  Drained d = Run();
  ASSERT_TRUE(d.status.ok()) << d.status.ToString();
  EXPECT_TRUE(d.docs.empty());
  EXPECT_TRUE(d.checkpoints.empty());
}

TEST_F(BlueskySourceTest, ThePageLimitKeepsTheOldCursor) {
  cursors_.cursors[kKey] = "2025-01-01T00:00:00.000Z";
  api_.Start();
  LiveLimits limits;
  limits.max_pages = 1;
  Drained d = Run({"alice.bsky.social"}, limits);
  ASSERT_TRUE(d.status.ok()) << d.status.ToString();
  EXPECT_EQ(Pages(d), (std::vector<std::string>{"feed_p1.json", "thread_a1.json"}));
  EXPECT_EQ(d.checkpoints, (Checkpoints{{kKey, "2025-01-01T00:00:00.000Z"}}));
}

}  // namespace
}  // namespace rapport::connectors

#endif  // RAPPORT_HAVE_HTTPLIB
