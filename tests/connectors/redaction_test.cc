#include "connectors/internal/redaction.h"

#include <gtest/gtest.h>

namespace rapport::connectors::internal {
namespace {

TEST(RedactionTest, RedactsSecretQueryParameters) {
  EXPECT_EQ(RedactUrl("https://api.x.com/2/tweets/search/recent?query=from%3Ax&next_token=abc&access_token=s3"),
            "https://api.x.com/2/tweets/search/recent?query=from%3Ax&next_token=abc&access_token=REDACTED");
  EXPECT_EQ(RedactUrl("https://h/p?api_key=1&oauth_signature=2&consumer_key=3&pagination_token=4#frag"),
            "https://h/p?api_key=REDACTED&oauth_signature=REDACTED&consumer_key=REDACTED&pagination_token=4#frag");
  EXPECT_EQ(RedactUrl("https://bsky.social/xrpc/app.bsky.feed.getAuthorFeed?actor=a.bsky.social&cursor=c1"),
            "https://bsky.social/xrpc/app.bsky.feed.getAuthorFeed?actor=a.bsky.social&cursor=c1");
  EXPECT_EQ(RedactUrl("https://h/p?flag&Token=x"), "https://h/p?flag&Token=REDACTED");
}

TEST(RedactionTest, RedactsUserInfo) {
  EXPECT_EQ(RedactUrl("https://user:pass@mastodon.example/api/v1/x?limit=40"),
            "https://REDACTED@mastodon.example/api/v1/x?limit=40");
  EXPECT_EQ(RedactUrl("http://127.0.0.1:8080/a@b"), "http://127.0.0.1:8080/a@b");
}

TEST(RedactionTest, SecretHeaders) {
  EXPECT_TRUE(IsSecretHeader("Authorization"));
  EXPECT_TRUE(IsSecretHeader("x-api-key"));
  EXPECT_TRUE(IsSecretHeader("Cookie"));
  EXPECT_FALSE(IsSecretHeader("Accept"));
  EXPECT_FALSE(IsSecretHeader("User-Agent"));
}

TEST(RedactionTest, ScrubsHeaderValuesFromText) {
  std::vector<std::pair<std::string, std::string>> headers = {{"Authorization", "Bearer abcd1234"},
                                                              {"Accept", "application/json"}};
  EXPECT_EQ(ScrubSecrets("got Bearer abcd1234 and abcd1234 alone; application/json", headers),
            "got REDACTED and REDACTED alone; application/json");
}

}  // namespace
}  // namespace rapport::connectors::internal
