// MastodonSource against a real HTTP server on 127.0.0.1 replaying Mastodon
// REST responses (tests/data/connectors/mastodon/) with Link headers and
// injected faults.
#include "connectors/mastodon_source.h"

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

const std::string kDir = std::string(RAPPORT_TEST_DATA_DIR) + "/connectors/mastodon/";
const std::string kDana = "110000000000000001";
const std::string kLookup = "/api/v1/accounts/lookup";
const std::string kStatuses = "/api/v1/accounts/" + kDana + "/statuses";
const std::string kContext101 = "/api/v1/statuses/113000000000000101/context";
const std::string kContext104 = "/api/v1/statuses/113000000000000104/context";
const std::string kKey = "mastodon:account:" + kDana;
using Checkpoints = std::vector<std::pair<std::string, std::string>>;

std::vector<std::string> Pages(const Drained& d) {
  static const char* kFiles[] = {"statuses_p1.json", "statuses_p2.json", "context_101.json", "context_104.json"};
  std::vector<std::string> names;
  for (const RawDoc& doc : d.docs) {
    std::string name = "?" + doc.bytes.substr(0, 40);
    for (const char* file : kFiles)
      if (doc.bytes == ReadFile(kDir + file)) name = file;
    names.push_back(name);
  }
  return names;
}

class MastodonSourceTest : public ::testing::Test {
 protected:
  // Dana's statuses: min_id=0 -> p1 (103,102,101), min_id=103 -> p2 (104),
  // min_id=104 -> []. As Mastodon does, each non-empty page links
  // rel="next" (max_id = its oldest) and rel="prev" (min_id = its newest).
  void SetUp() override {
    api_.Route(kLookup, [](const httplib::Request& req, int) {
      if (req.get_param_value("acct") == "dana") return Reply::File(kDir + "account_dana.json");
      return Reply::Status(404, R"({"error":"Record not found"})");
    });
    api_.Route(kStatuses, [this](const httplib::Request& req, int) { return StatusesPage(req.get_param_value("min_id")); });
    api_.Route(kContext101, [](const httplib::Request&, int) { return Reply::File(kDir + "context_101.json"); });
    api_.Route(kContext104, [](const httplib::Request&, int) { return Reply::File(kDir + "context_104.json"); });
  }

  Reply StatusesPage(const std::string& min_id) {
    auto link = [this](const std::string& oldest, const std::string& newest) {
      std::string base = api_.base() + kStatuses + "?limit=40";
      return "<" + base + "&max_id=" + oldest + ">; rel=\"next\", <" + base + "&min_id=" + newest + ">; rel=\"prev\"";
    };
    if (min_id == "0") {
      return Reply::File(kDir + "statuses_p1.json")
          .Header("Link", link("113000000000000101", "113000000000000103"))
          .Header("X-RateLimit-Remaining", "299");
    }
    if (min_id == "113000000000000103") {
      return Reply::File(kDir + "statuses_p2.json").Header("Link", link("113000000000000104", "113000000000000104"));
    }
    return Reply::Json("[]");
  }

  Drained Run(std::vector<std::string> accounts = {"dana"}, LiveLimits limits = {}, int max_attempts = 5) {
    RetryingHttpClientOptions retry;
    retry.clock = &clock_;
    retry.retry.seed = 42;
    retry.retry.max_attempts = max_attempts;
    http_ = NewRetryingHttpClient(NewCurlHttpClient(), retry);
    MastodonSourceOptions options;
    options.instance = api_.base();
    options.accounts = std::move(accounts);
    options.common.clock = &clock_;
    options.common.log = log_.Fn();
    options.common.limits = limits;
    std::unique_ptr<Source> source = NewMastodonSource(http_.get(), &cursors_, std::move(options));
    return rapport::testing::Drain(source.get());
  }

  std::vector<std::string> Targets() const {
    std::vector<std::string> out;
    for (const std::string& target : api_.requests()) {
      std::string query = DecodedQuery(target);
      out.push_back(PathOf(target) + (query.empty() ? "" : "?" + query));
    }
    return out;
  }

  const std::vector<std::string> kAll = {"statuses_p1.json", "context_101.json", "statuses_p2.json",
                                         "context_104.json"};
  FakeApi api_;
  FakeClock clock_;
  MapCursors cursors_;
  LogSink log_;
  std::unique_ptr<HttpClient> http_;
};

TEST_F(MastodonSourceTest, FirstRunWalksForwardFromTheOldestStatus) {
  api_.Start();
  Drained d = Run({"@dana"});
  ASSERT_TRUE(d.status.ok()) << d.status.ToString();
  EXPECT_EQ(Pages(d), kAll);
  EXPECT_EQ(Targets(), (std::vector<std::string>{
                           kLookup + "?acct=dana",
                           kStatuses + "?limit=40&min_id=0",
                           kContext101,  // 101 has a reply; the boost (103) and 102 have none
                           kStatuses + "?limit=40&min_id=113000000000000103",
                           kContext104,
                           kStatuses + "?limit=40&min_id=113000000000000104",
                       }));
  for (const RawDoc& doc : d.docs) EXPECT_EQ(doc.platform, "mastodon");
  EXPECT_EQ(d.docs[2].origin.source, api_.base() + kStatuses + "?limit=40&min_id=113000000000000103");
  EXPECT_EQ(d.docs[2].origin.line, 2u);
  EXPECT_EQ(d.checkpoints, (Checkpoints{{kKey, "113000000000000104"}}));
}

TEST_F(MastodonSourceTest, ASecondRunStartsAtTheCursorAndFetchesNothingNew) {
  cursors_.cursors[kKey] = "113000000000000104";
  api_.Start();
  Drained d = Run();
  ASSERT_TRUE(d.status.ok()) << d.status.ToString();
  EXPECT_TRUE(d.docs.empty());
  EXPECT_EQ(Targets(), (std::vector<std::string>{kLookup + "?acct=dana", kStatuses + "?limit=40&min_id=113000000000000104"}));
  EXPECT_EQ(d.checkpoints, (Checkpoints{{kKey, "113000000000000104"}}));
}

TEST_F(MastodonSourceTest, ThePageLimitKeepsWhatWasDelivered) {
  api_.Start();
  LiveLimits limits;
  limits.max_pages = 1;
  Drained d = Run({"dana"}, limits);
  ASSERT_TRUE(d.status.ok()) << d.status.ToString();
  EXPECT_EQ(Pages(d), (std::vector<std::string>{"statuses_p1.json", "context_101.json"}));
  EXPECT_EQ(d.checkpoints, (Checkpoints{{kKey, "113000000000000103"}})) << "oldest first: the next run goes on";
}

TEST_F(MastodonSourceTest, A5xxThatDoesNotEndStopsAfterTheLastCompletePage) {
  api_.Fault(kStatuses, [](const httplib::Request& req, int) -> std::optional<Reply> {
    if (req.get_param_value("min_id") != "113000000000000103") return std::nullopt;
    return Reply::Status(500, "<html><body>We're sorry, but something went wrong.</body></html>");
  });
  api_.Start();
  Drained d = Run({"dana"}, {}, /*max_attempts=*/3);
  EXPECT_EQ(d.status.code(), Status::Code::kUnavailable);
  EXPECT_NE(d.status.message().find("mastodon: dana: statuses page 2: HTTP 500"), std::string::npos)
      << d.status.message();
  EXPECT_EQ(Pages(d), (std::vector<std::string>{"statuses_p1.json", "context_101.json"}));
  EXPECT_EQ(d.checkpoints, (Checkpoints{{kKey, "113000000000000103"}}));
  EXPECT_EQ(clock_.sleeps().size(), 2u);
}

TEST_F(MastodonSourceTest, A5xxBurstAndATimeoutAreRetried) {
  api_.Fault(kContext104, [](const httplib::Request&, int hit) -> std::optional<Reply> {
    if (hit <= 2) return Reply::Status(503, "");
    return std::nullopt;
  });
  api_.Fault(kContext101, [](const httplib::Request&, int hit) -> std::optional<Reply> {
    if (hit != 1) return std::nullopt;
    Reply slow = Reply::File(kDir + "context_101.json");
    slow.delay_ms = 1500;
    return slow;
  });
  api_.Start();
  RetryingHttpClientOptions retry;
  retry.clock = &clock_;
  retry.retry.seed = 42;
  HttpClientOptions curl;
  curl.total_timeout_ms = 400;
  http_ = NewRetryingHttpClient(NewCurlHttpClient(curl), retry);
  MastodonSourceOptions options;
  options.instance = api_.base();
  options.accounts = {"dana"};
  std::unique_ptr<Source> source = NewMastodonSource(http_.get(), &cursors_, options);
  Drained d = rapport::testing::Drain(source.get());
  ASSERT_TRUE(d.status.ok()) << d.status.ToString();
  EXPECT_EQ(Pages(d), kAll);
  EXPECT_EQ(api_.hits(kContext104), 3);
  EXPECT_EQ(api_.hits(kContext101), 2);
  EXPECT_EQ(d.checkpoints, (Checkpoints{{kKey, "113000000000000104"}}));
}

TEST_F(MastodonSourceTest, A429IsWaitedOutUntilTheIsoReset) {
  api_.Fault(kStatuses, [&](const httplib::Request&, int hit) -> std::optional<Reply> {
    if (hit != 2) return std::nullopt;
    return Reply::Status(429, R"({"error":"Too many requests"})")
        .Header("X-RateLimit-Limit", "300")
        .Header("X-RateLimit-Remaining", "0")
        .Header("X-RateLimit-Reset", "2023-06-01T00:05:00.754511Z");
  });
  api_.Start();
  Drained d = Run();
  ASSERT_TRUE(d.status.ok()) << d.status.ToString();
  EXPECT_EQ(Pages(d), kAll);
  ASSERT_EQ(clock_.sleeps().size(), 1u);
  EXPECT_GE(clock_.NowMillis(), 1'685'577'900'000) << "until 00:05 on the fake clock's day";
}

TEST_F(MastodonSourceTest, A429WithoutHeadersCannotBeTimedAndStopsTheSource) {
  api_.Fault(kStatuses, [](const httplib::Request& req, int) -> std::optional<Reply> {
    if (req.get_param_value("min_id") != "113000000000000103") return std::nullopt;
    return Reply::Status(429, R"({"error":"Too many requests"})");
  });
  api_.Start();
  // "ghost" would be a second account lookup if the source went on.
  Drained d = Run({"dana", "ghost"});
  EXPECT_EQ(d.status.code(), Status::Code::kUnavailable);
  EXPECT_NE(d.status.message().find("mastodon: dana: statuses page 2: usage cap reached"), std::string::npos)
      << d.status.message();
  EXPECT_NE(d.status.message().find("no rate-limit reset header"), std::string::npos) << d.status.message();
  EXPECT_EQ(Pages(d), (std::vector<std::string>{"statuses_p1.json", "context_101.json"})) << "yielded before the 429";
  EXPECT_EQ(api_.hits(kStatuses), 2) << "not retried";
  EXPECT_EQ(api_.hits(kLookup), 1) << "the source stopped";
  EXPECT_TRUE(clock_.sleeps().empty()) << "nothing to wait for";
  EXPECT_EQ(d.checkpoints, (Checkpoints{{kKey, "113000000000000103"}})) << "page 1 and its replies were delivered";
}

TEST_F(MastodonSourceTest, A429ResettingTooLateStopsTheSourceAndKeepsTheCursor) {
  cursors_.cursors[kKey] = "113000000000000100";
  api_.Fault(kStatuses, [](const httplib::Request&, int) -> std::optional<Reply> {
    return Reply::Status(429, R"({"error":"Too many requests"})")
        .Header("X-RateLimit-Limit", "300")
        .Header("X-RateLimit-Remaining", "0")
        .Header("X-RateLimit-Reset", "2023-06-01T03:00:00.000000Z");
  });
  api_.Start();
  Drained d = Run();
  EXPECT_EQ(d.status.code(), Status::Code::kUnavailable);
  EXPECT_NE(d.status.message().find("mastodon: dana: statuses page 1: rate limited until 2023-06-01T03:00:00Z"),
            std::string::npos)
      << d.status.message();
  EXPECT_TRUE(d.docs.empty());
  EXPECT_EQ(api_.hits(kStatuses), 1);
  EXPECT_TRUE(clock_.sleeps().empty());
  EXPECT_EQ(d.checkpoints, (Checkpoints{{kKey, "113000000000000100"}}));
}

TEST_F(MastodonSourceTest, AConnectionResetMidBodyIsRetried) {
  api_.Fault(kStatuses, [this](const httplib::Request&, int hit) -> std::optional<Reply> {
    if (hit != 2) return std::nullopt;  // the first request for page 2
    Reply cut = StatusesPage("113000000000000103");
    cut.cut_mid_body = true;
    return cut;
  });
  api_.Start();
  Drained d = Run();
  ASSERT_TRUE(d.status.ok()) << d.status.ToString();
  EXPECT_EQ(Pages(d), kAll) << "page 2 once, from the retry";
  EXPECT_EQ(Targets(), (std::vector<std::string>{
                           kLookup + "?acct=dana",
                           kStatuses + "?limit=40&min_id=0",
                           kContext101,
                           kStatuses + "?limit=40&min_id=113000000000000103",
                           kStatuses + "?limit=40&min_id=113000000000000103",
                           kContext104,
                           kStatuses + "?limit=40&min_id=113000000000000104",
                       }));
  EXPECT_EQ(clock_.sleeps().size(), 1u);
  EXPECT_EQ(d.checkpoints, (Checkpoints{{kKey, "113000000000000104"}}));
}

TEST_F(MastodonSourceTest, AnErrorObjectInsteadOfStatusesIsNotYieldedAndKeepsTheCursor) {
  api_.Fault(kStatuses, [](const httplib::Request& req, int) -> std::optional<Reply> {
    if (req.get_param_value("min_id") != "113000000000000103") return std::nullopt;
    return Reply::Json(R"({"error":"Something went wrong on our end"})");  // with status 200
  });
  api_.Start();
  Drained d = Run();
  EXPECT_EQ(d.status.code(), Status::Code::kCorruption);
  EXPECT_NE(d.status.message().find("mastodon: dana: statuses page 2: error: Something went wrong on our end"),
            std::string::npos)
      << d.status.message();
  EXPECT_EQ(Pages(d), (std::vector<std::string>{"statuses_p1.json", "context_101.json"}));
  EXPECT_EQ(api_.hits(kContext104), 0);
  EXPECT_EQ(d.checkpoints, (Checkpoints{{kKey, "113000000000000103"}})) << "not past the page that was not read";
}

TEST_F(MastodonSourceTest, HtmlInsteadOfAStatusesPageIsYieldedAndKeepsTheCursor) {
  const std::string html = "<!DOCTYPE html>\n<html><head><title>502 Bad Gateway</title></head></html>";
  api_.Fault(kStatuses, [&](const httplib::Request& req, int) -> std::optional<Reply> {
    if (req.get_param_value("min_id") != "113000000000000103") return std::nullopt;
    Reply r = Reply::Json(html);
    r.content_type = "text/html";
    return r;
  });
  api_.Start();
  Drained d = Run();
  EXPECT_EQ(d.status.code(), Status::Code::kCorruption);
  EXPECT_NE(d.status.message().find("mastodon: dana: statuses page 2: not JSON"), std::string::npos)
      << d.status.message();
  ASSERT_EQ(d.docs.size(), 3u);
  EXPECT_EQ(d.docs[2].bytes, html) << "yielded for the dead-letter file";
  EXPECT_EQ(d.docs[2].origin.line, 2u);
  EXPECT_EQ(api_.hits(kContext104), 0);
  EXPECT_EQ(d.checkpoints, (Checkpoints{{kKey, "113000000000000103"}}));
}

TEST_F(MastodonSourceTest, AnAccountWithNoStatusesYieldsNothing) {
  api_.Route(kStatuses, [](const httplib::Request&, int) { return Reply::Json("[]"); });
  api_.Start();
  Drained d = Run();
  ASSERT_TRUE(d.status.ok()) << d.status.ToString();
  EXPECT_TRUE(d.docs.empty()) << "an empty page is not yielded";
  EXPECT_EQ(api_.hits(kStatuses), 1) << "and the walk ends";
  EXPECT_TRUE(d.checkpoints.empty());
}

TEST_F(MastodonSourceTest, HtmlInsteadOfAContextKeepsThePreviousCursor) {
  cursors_.cursors[kKey] = "113000000000000100";
  api_.Route(kStatuses, [this](const httplib::Request& req, int) {
    return StatusesPage(req.get_param_value("min_id") == "113000000000000100" ? "0" : req.get_param_value("min_id"));
  });
  api_.Fault(kContext101, [](const httplib::Request&, int) -> std::optional<Reply> {
    Reply r = Reply::Json("<!DOCTYPE html><html><body>maintenance</body></html>");
    r.content_type = "text/html";
    return r;
  });
  api_.Start();
  Drained d = Run();
  EXPECT_EQ(d.status.code(), Status::Code::kCorruption);
  EXPECT_NE(d.status.message().find("mastodon: dana: context of 113000000000000101: not JSON"), std::string::npos)
      << d.status.message();
  ASSERT_EQ(d.docs.size(), 2u);
  EXPECT_EQ(Pages(d)[0], "statuses_p1.json");
  EXPECT_EQ(d.docs[1].bytes, "<!DOCTYPE html><html><body>maintenance</body></html>");
  EXPECT_EQ(d.checkpoints, (Checkpoints{{kKey, "113000000000000100"}})) << "page 1's replies were not read";
}

TEST_F(MastodonSourceTest, TruncatedJsonIsYieldedAndKeepsTheCursor) {
  const std::string p2 = ReadFile(kDir + "statuses_p2.json");
  api_.Fault(kStatuses, [&](const httplib::Request& req, int) -> std::optional<Reply> {
    if (req.get_param_value("min_id") != "113000000000000103") return std::nullopt;
    return Reply::Json(p2.substr(0, 100));
  });
  api_.Start();
  Drained d = Run();
  EXPECT_EQ(d.status.code(), Status::Code::kCorruption);
  EXPECT_NE(d.status.message().find("statuses page 2: invalid JSON (truncated?)"), std::string::npos)
      << d.status.message();
  ASSERT_EQ(d.docs.size(), 3u);
  EXPECT_EQ(d.docs[2].bytes, p2.substr(0, 100));
  EXPECT_EQ(d.checkpoints, (Checkpoints{{kKey, "113000000000000103"}}));
}

TEST_F(MastodonSourceTest, APageRepeatingThePreviousOneDoesNotLoop) {
  api_.Route(kStatuses, [this](const httplib::Request&, int) { return StatusesPage("0"); });
  api_.Start();
  Drained d = Run();
  EXPECT_EQ(d.status.code(), Status::Code::kCorruption);
  EXPECT_NE(d.status.message().find("the instance returned the same page twice"), std::string::npos)
      << d.status.message();
  EXPECT_EQ(Pages(d), (std::vector<std::string>{"statuses_p1.json", "context_101.json"}));
  EXPECT_EQ(api_.hits(kStatuses), 2);
  EXPECT_EQ(d.checkpoints, (Checkpoints{{kKey, "113000000000000103"}}));
}

TEST_F(MastodonSourceTest, ALinkThatDoesNotMoveForwardDoesNotLoop) {
  api_.Route(kStatuses, [](const httplib::Request&, int) {
    return Reply::File(kDir + "statuses_p1.json").Header("Link", "<http://x/statuses?min_id=0>; rel=\"prev\"");
  });
  api_.Start();
  Drained d = Run();
  EXPECT_EQ(d.status.code(), Status::Code::kCorruption);
  EXPECT_NE(d.status.message().find("would start at min_id 0, not after 0"), std::string::npos) << d.status.message();
  EXPECT_EQ(api_.hits(kStatuses), 1);
  EXPECT_TRUE(d.checkpoints.empty());
}

TEST_F(MastodonSourceTest, AnUnknownAccountIsReportedAndTheOthersAreRead) {
  api_.Start();
  Drained d = Run({"ghost", "dana"});
  EXPECT_EQ(d.status.code(), Status::Code::kNotFound);
  EXPECT_NE(d.status.message().find("mastodon: ghost: account lookup: HTTP 404"), std::string::npos)
      << d.status.message();
  EXPECT_NE(d.status.message().find("check mastodon_accounts"), std::string::npos);
  EXPECT_EQ(Pages(d), kAll);
  EXPECT_EQ(d.checkpoints, (Checkpoints{{kKey, "113000000000000104"}}));
}

TEST_F(MastodonSourceTest, ADeletedStatusContextIsSkipped) {
  api_.Route(kContext101, [](const httplib::Request&, int) { return Reply::Status(404, R"({"error":"Record not found"})"); });
  api_.Start();
  Drained d = Run();
  ASSERT_TRUE(d.status.ok()) << d.status.ToString();
  EXPECT_EQ(Pages(d), (std::vector<std::string>{"statuses_p1.json", "statuses_p2.json", "context_104.json"}));
  EXPECT_EQ(d.checkpoints, (Checkpoints{{kKey, "113000000000000104"}}));
}

TEST_F(MastodonSourceTest, AnAccountWithoutInstanceIsAConfigError) {
  api_.Start();
  RetryingHttpClientOptions retry;
  retry.clock = &clock_;
  http_ = NewRetryingHttpClient(NewCurlHttpClient(), retry);
  MastodonSourceOptions options;
  options.accounts = {"dana"};
  std::unique_ptr<Source> source = NewMastodonSource(http_.get(), nullptr, options);
  Drained d = rapport::testing::Drain(source.get());
  EXPECT_EQ(d.status.code(), Status::Code::kInvalidArgument);
  EXPECT_NE(d.status.message().find("'dana' has no instance: write it as user@host"), std::string::npos)
      << d.status.message();
  EXPECT_TRUE(api_.requests().empty());
}

}  // namespace
}  // namespace rapport::connectors

#endif  // RAPPORT_HAVE_HTTPLIB
