#include "connectors/internal/rate_limit.h"

#include <gtest/gtest.h>

namespace rapport::connectors::internal {
namespace {

constexpr int64_t kNow = 1'685'577'600'000;  // 2023-06-01T00:00:00Z

HttpResponse TooMany(std::vector<std::pair<std::string, std::string>> headers) {
  HttpResponse r;
  r.status = 429;
  r.headers = std::move(headers);
  return r;
}

TEST(RateLimitTest, ParsesResetTimes) {
  EXPECT_EQ(ParseResetTime("120", kNow), kNow + 120'000);                            // delta seconds
  EXPECT_EQ(ParseResetTime("1685578500", kNow), 1'685'578'500'000);                  // Unix seconds
  EXPECT_EQ(ParseResetTime("Thu, 01 Jun 2023 00:15:00 GMT", kNow), kNow + 900'000);  // HTTP date
  EXPECT_EQ(ParseResetTime("2023-06-01T00:05:00.000Z", kNow), kNow + 300'000);       // ISO 8601 (Mastodon)
  EXPECT_EQ(ParseResetTime("2023-06-01T00:05:00Z", kNow), kNow + 300'000);
  EXPECT_EQ(ParseResetTime("soon", kNow), -1);
  EXPECT_EQ(ParseResetTime("", kNow), -1);
  EXPECT_EQ(ParseResetTime("-5", kNow), -1);
}

TEST(RateLimitTest, FormatsUtc) { EXPECT_EQ(FormatUtc(kNow + 61'500), "2023-06-01T00:01:01Z"); }

TEST(RateLimitTest, ClassifiesXRateLimit) {
  TooManyRequests t = ClassifyTooManyRequests(
      TooMany({{"x-rate-limit-limit", "300"}, {"x-rate-limit-remaining", "0"}, {"x-rate-limit-reset", "1685578500"}}),
      kNow);
  EXPECT_EQ(t.kind, TooManyRequests::Kind::kRateLimit);
  EXPECT_EQ(t.reset_ms, 1'685'578'500'000);
}

TEST(RateLimitTest, ClassifiesMastodonAndBluesky) {
  TooManyRequests mastodon = ClassifyTooManyRequests(
      TooMany({{"x-ratelimit-remaining", "0"}, {"x-ratelimit-reset", "2023-06-01T00:05:00.000Z"}}), kNow);
  EXPECT_EQ(mastodon.kind, TooManyRequests::Kind::kRateLimit);
  EXPECT_EQ(mastodon.reset_ms, kNow + 300'000);
  TooManyRequests bluesky =
      ClassifyTooManyRequests(TooMany({{"ratelimit-remaining", "0"}, {"ratelimit-reset", "1685577660"}}), kNow);
  EXPECT_EQ(bluesky.kind, TooManyRequests::Kind::kRateLimit);
  EXPECT_EQ(bluesky.reset_ms, kNow + 60'000);
}

TEST(RateLimitTest, RetryAfterWinsOverOtherResets) {
  TooManyRequests t =
      ClassifyTooManyRequests(TooMany({{"x-rate-limit-reset", "1685578500"}, {"retry-after", "10"}}), kNow);
  EXPECT_EQ(t.kind, TooManyRequests::Kind::kRateLimit);
  EXPECT_EQ(t.reset_ms, kNow + 10'000);
}

TEST(RateLimitTest, ClassifiesUsageCap) {
  EXPECT_EQ(
      ClassifyTooManyRequests(TooMany({{"x-rate-limit-remaining", "40"}, {"x-rate-limit-reset", "1685578500"}}), kNow)
          .kind,
      TooManyRequests::Kind::kUsageCap);
  EXPECT_EQ(ClassifyTooManyRequests(TooMany({}), kNow).kind, TooManyRequests::Kind::kUsageCap);
  EXPECT_EQ(ClassifyTooManyRequests(TooMany({{"x-rate-limit-reset", "whenever"}}), kNow).kind,
            TooManyRequests::Kind::kUsageCap);
}

}  // namespace
}  // namespace rapport::connectors::internal
