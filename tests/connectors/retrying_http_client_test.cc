#include "connectors/retrying_http_client.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "connectors/clock.h"
#include "connectors/fake_http_client.h"

namespace rapport::connectors {
namespace {

class RetryingHttpClientTest : public ::testing::Test {
 protected:
  // Builds the client under test over fake_ (which it does not own).
  std::unique_ptr<HttpClient> Client(RetryPolicy retry = {}) {
    struct Borrowed final : HttpClient {
      explicit Borrowed(HttpClient* base) : base(base) {}
      Result<HttpResponse> Get(const HttpRequest& r) override { return base->Get(r); }
      HttpClient* base;
    };
    RetryingHttpClientOptions options;
    options.retry = retry;
    if (options.retry.seed == 0) options.retry.seed = 7;
    options.clock = &clock_;
    options.credential_env_var = "RAPPORT_X_BEARER_TOKEN";
    return NewRetryingHttpClient(std::make_unique<Borrowed>(&fake_), options);
  }
  int64_t NowSeconds() { return clock_.NowMillis() / 1000; }

  FakeHttpClient fake_;
  FakeClock clock_;
  const HttpRequest request_{"https://api.x.com/2/users/1/tweets?max_results=100",
                             {{"Authorization", "Bearer tok3n-value"}}};
};

TEST_F(RetryingHttpClientTest, PassesSuccessThrough) {
  fake_.AddResponse(200, {{"content-type", "application/json"}}, R"({"data":[]})");
  auto http = Client();
  Result<HttpResponse> got = http->Get(request_);
  ASSERT_TRUE(got.ok()) << got.status().ToString();
  EXPECT_EQ(got->body, R"({"data":[]})");
  ASSERT_EQ(fake_.requests().size(), 1u);
  EXPECT_EQ(fake_.requests()[0].url, request_.url);
  EXPECT_TRUE(clock_.sleeps().empty());
}

TEST_F(RetryingHttpClientTest, RetriesTransportErrorsThenSucceeds) {
  fake_.AddFailure(Status::IoError("GET x: Couldn't connect to server"));
  fake_.AddFailure(Status::IoError("GET x: Timeout was reached"));
  fake_.AddResponse(200);
  auto http = Client();
  ASSERT_TRUE(http->Get(request_).ok());
  EXPECT_EQ(fake_.requests().size(), 3u);
  EXPECT_EQ(clock_.sleeps().size(), 2u);
}

TEST_F(RetryingHttpClientTest, GivesUpOnTransportErrorsAfterMaxAttempts) {
  for (int i = 0; i < 3; ++i) fake_.AddFailure(Status::IoError("GET x: Connection reset by peer"));
  RetryPolicy retry;
  retry.max_attempts = 3;
  auto http = Client(retry);
  Result<HttpResponse> got = http->Get(request_);
  ASSERT_FALSE(got.ok());
  EXPECT_EQ(got.status().code(), Status::Code::kIoError);
  EXPECT_EQ(got.status().message(), "GET x: Connection reset by peer (gave up after 3 attempts)");
  EXPECT_EQ(fake_.pending(), 0u);
}

TEST_F(RetryingHttpClientTest, DoesNotRetryOtherFailures) {
  fake_.AddFailure(Status::Corruption("GET x: response body exceeds 10 bytes"));
  fake_.AddResponse(200);
  auto http = Client();
  Result<HttpResponse> got = http->Get(request_);
  EXPECT_EQ(got.status().code(), Status::Code::kCorruption);
  EXPECT_EQ(fake_.requests().size(), 1u);
}

TEST_F(RetryingHttpClientTest, BackoffDoublesUpToTheCapWithJitter) {
  for (int i = 0; i < 7; ++i) fake_.AddResponse(503);
  fake_.AddResponse(200);
  RetryPolicy retry;
  retry.max_attempts = 8;
  retry.initial_backoff_ms = 100;
  retry.max_backoff_ms = 1000;
  retry.jitter = 0.5;
  auto http = Client(retry);
  ASSERT_TRUE(http->Get(request_).ok());
  std::vector<int64_t> sleeps = clock_.sleeps();
  std::vector<int64_t> bases = {100, 200, 400, 800, 1000, 1000, 1000};
  ASSERT_EQ(sleeps.size(), bases.size());
  for (size_t i = 0; i < bases.size(); ++i) {
    EXPECT_GE(sleeps[i], bases[i] / 2) << i;
    EXPECT_LE(sleeps[i], bases[i]) << i;
  }
}

TEST_F(RetryingHttpClientTest, SameSeedSameBackoff) {
  RetryPolicy retry;
  retry.seed = 1234;
  std::vector<std::vector<int64_t>> runs;
  for (int run = 0; run < 2; ++run) {
    FakeClock clock;
    FakeHttpClient* fake = new FakeHttpClient();
    for (int i = 0; i < 5; ++i) fake->AddResponse(500);
    RetryingHttpClientOptions options;
    options.retry = retry;
    options.clock = &clock;
    auto http = NewRetryingHttpClient(std::unique_ptr<HttpClient>(fake), options);
    EXPECT_EQ(http->Get(request_).status().code(), Status::Code::kUnavailable);
    runs.push_back(clock.sleeps());
  }
  EXPECT_EQ(runs[0], runs[1]);
  EXPECT_EQ(runs[0].size(), 4u);
}

TEST_F(RetryingHttpClientTest, HonoursRetryAfterOn503) {
  fake_.AddResponse(503, {{"retry-after", "30"}});
  fake_.AddResponse(200);
  auto http = Client();
  ASSERT_TRUE(http->Get(request_).ok());
  EXPECT_EQ(clock_.sleeps(), std::vector<int64_t>{30'000});
}

TEST_F(RetryingHttpClientTest, WaitsForXRateLimitReset) {
  int64_t reset = NowSeconds() + 300;
  fake_.AddResponse(429, {{"x-rate-limit-remaining", "0"}, {"x-rate-limit-reset", std::to_string(reset)}});
  fake_.AddResponse(200);
  auto http = Client();
  ASSERT_TRUE(http->Get(request_).ok());
  EXPECT_EQ(clock_.sleeps(), std::vector<int64_t>{301'000});
}

TEST_F(RetryingHttpClientTest, WaitsForRetryAfterAndBlueskyRateLimitReset) {
  fake_.AddResponse(429, {{"Retry-After", "7"}});
  fake_.AddResponse(429, {{"RateLimit-Remaining", "0"}, {"RateLimit-Reset", std::to_string(NowSeconds() + 60)}});
  fake_.AddResponse(200);
  auto http = Client();
  ASSERT_TRUE(http->Get(request_).ok());
  // The reset is a time, not a delay: 8 s of it passed during the first wait.
  EXPECT_EQ(clock_.sleeps(), (std::vector<int64_t>{8'000, 53'000}));
}

TEST_F(RetryingHttpClientTest, ResetTooFarIsUnavailable) {
  int64_t reset = NowSeconds() + 3600;
  fake_.AddResponse(429, {{"x-rate-limit-remaining", "0"}, {"x-rate-limit-reset", std::to_string(reset)}});
  auto http = Client();
  Result<HttpResponse> got = http->Get(request_);
  ASSERT_FALSE(got.ok());
  EXPECT_EQ(got.status().code(), Status::Code::kUnavailable);
  EXPECT_EQ(got.status().message().rfind("rate limited until 2023-06-01T01:00:00Z", 0), 0u) << got.status().message();
  EXPECT_TRUE(clock_.sleeps().empty());
}

TEST_F(RetryingHttpClientTest, UsageCapIsNotRetried) {
  // Requests left in the window, yet refused: the monthly cap.
  fake_.AddResponse(429, {{"x-rate-limit-remaining", "12"}, {"x-rate-limit-reset", std::to_string(NowSeconds() + 60)}},
                    R"({"title":"UsageCapExceeded"})");
  // No reset time at all: waiting cannot be timed either.
  fake_.AddResponse(429, {}, "Too Many Requests");
  auto http = Client();
  for (const char* reason : {"x-rate-limit-remaining is 12", "no rate-limit reset header"}) {
    Result<HttpResponse> got = http->Get(request_);
    ASSERT_FALSE(got.ok());
    EXPECT_EQ(got.status().code(), Status::Code::kUnavailable);
    EXPECT_EQ(got.status().message().rfind("usage cap reached", 0), 0u) << got.status().message();
    EXPECT_NE(got.status().message().find(reason), std::string::npos) << got.status().message();
  }
  EXPECT_EQ(fake_.requests().size(), 2u);
  EXPECT_TRUE(clock_.sleeps().empty());
}

TEST_F(RetryingHttpClientTest, StillRateLimitedAfterMaxAttempts) {
  for (int i = 0; i < 2; ++i) fake_.AddResponse(429, {{"retry-after", "1"}});
  RetryPolicy retry;
  retry.max_attempts = 2;
  auto http = Client(retry);
  Result<HttpResponse> got = http->Get(request_);
  EXPECT_EQ(got.status().code(), Status::Code::kUnavailable);
  EXPECT_NE(got.status().message().find("still rate limited after 2 attempts"), std::string::npos);
}

TEST_F(RetryingHttpClientTest, RefusedCredentialIsInvalidArgument) {
  fake_.AddResponse(403, {}, R"({"title":"Forbidden","detail":"tok3n-value is not enrolled",
"reason":"client-not-enrolled"})");
  auto http = Client();
  Result<HttpResponse> got = http->Get(request_);
  ASSERT_FALSE(got.ok());
  EXPECT_EQ(got.status().code(), Status::Code::kInvalidArgument);
  const std::string& message = got.status().message();
  EXPECT_NE(message.find("HTTP 403"), std::string::npos) << message;
  EXPECT_NE(message.find("$RAPPORT_X_BEARER_TOKEN"), std::string::npos) << message;
  EXPECT_NE(message.find("client-not-enrolled"), std::string::npos) << message;
  EXPECT_EQ(message.find("tok3n-value"), std::string::npos) << message;
  EXPECT_EQ(message.find('\n'), std::string::npos) << message;
}

TEST_F(RetryingHttpClientTest, OtherStatusesAreTheCallersToJudge) {
  fake_.AddResponse(404, {}, "<html>not here</html>");
  fake_.AddResponse(400, {}, R"({"errors":[{"message":"bad query"}]})");
  auto http = Client();
  EXPECT_EQ(http->Get(request_)->status, 404);
  EXPECT_EQ(http->Get(request_)->body, R"({"errors":[{"message":"bad query"}]})");
}

}  // namespace
}  // namespace rapport::connectors
