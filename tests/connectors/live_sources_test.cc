// NewLiveSources: which sources a configuration makes, and how they use the
// injected HttpClient and CursorReader (FakeHttpClient, no network).
#include "connectors/live_sources.h"

#include <gtest/gtest.h>

#include <map>
#include <string>

#include "connectors/fake_http_client.h"

namespace rapport::connectors {
namespace {

class Cursors final : public CursorReader {
 public:
  std::map<std::string, std::string> values;
  std::string GetCursor(const std::string& key) const override {
    auto it = values.find(key);
    return it == values.end() ? "" : it->second;
  }
};

TEST(LiveSourcesTest, NoAccountsNoSources) {
  FakeHttpClient http;
  EXPECT_TRUE(NewLiveSources({}, &http, nullptr).empty());
}

TEST(LiveSourcesTest, OneSourcePerConfiguredPlatformInOrder) {
  FakeHttpClient http;
  Cursors cursors;
  cursors.values["bluesky:actor:alice.bsky.social"] = "2025-05-05T01:30:17.912Z";
  LiveSourceOptions options;
  options.x_api_base = "https://x.test";
  options.x_users = {"alice"};
  options.x_bearer_token = "tok3n-secret-value";
  options.bluesky_api_base = "https://bsky.test/";
  options.bluesky_actors = {"alice.bsky.social"};
  options.mastodon_instance = "m.test";
  options.mastodon_accounts = {"dana"};
  std::vector<std::unique_ptr<Source>> sources = NewLiveSources(options, &http, &cursors);
  ASSERT_EQ(sources.size(), 3u);

  // X: the user lookup, with the bearer token.
  http.AddResponse(200, {}, R"({"data":{"id":"12","username":"alice"}})");
  http.AddResponse(200, {}, R"({"meta":{"result_count":0}})");
  http.AddResponse(200, {}, R"({"meta":{"result_count":0}})");
  RawDoc doc;
  EXPECT_FALSE(sources[0]->Next(&doc));
  EXPECT_TRUE(sources[0]->status().ok()) << sources[0]->status().ToString();
  ASSERT_EQ(http.requests().size(), 3u);
  EXPECT_EQ(http.requests()[0].url, "https://x.test/2/users/by/username/alice");
  ASSERT_EQ(http.requests()[0].headers.size(), 1u);
  EXPECT_EQ(http.requests()[0].headers[0].second, "Bearer tok3n-secret-value");
  EXPECT_EQ(http.requests()[1].url.rfind("https://x.test/2/users/12/tweets?max_results=100&tweet.fields=", 0), 0u);

  // Bluesky: the stored cursor bounds the walk; no credential is sent.
  http.AddResponse(200, {},
                   R"({"feed":[{"post":{"uri":"at://did:a/app.bsky.feed.post/1","author":{"did":"did:a"},)"
                   R"("record":{"createdAt":"2025-05-01T00:00:00Z"},"indexedAt":"2025-05-01T00:00:00Z"}}],"cursor":"c"})");
  ASSERT_TRUE(sources[1]->Next(&doc));
  EXPECT_EQ(doc.platform, "bluesky");
  EXPECT_FALSE(sources[1]->Next(&doc)) << "the page reached the cursor: no second page";
  EXPECT_EQ(http.requests()[3].url,
            "https://bsky.test/xrpc/app.bsky.feed.getAuthorFeed?actor=alice.bsky.social&limit=100");
  EXPECT_TRUE(http.requests()[3].headers.empty());
  EXPECT_EQ(sources[1]->Checkpoints(),
            (std::vector<std::pair<std::string, std::string>>{
                {"bluesky:actor:alice.bsky.social", "2025-05-05T01:30:17.912Z"}}));

  // Mastodon: the instance gets https://.
  http.AddResponse(404, {}, R"({"error":"Record not found"})");
  EXPECT_FALSE(sources[2]->Next(&doc));
  EXPECT_EQ(http.requests()[4].url, "https://m.test/api/v1/accounts/lookup?acct=dana");
  EXPECT_EQ(sources[2]->status().code(), Status::Code::kNotFound);
}

TEST(LiveSourcesTest, XWithoutATokenFailsWithoutARequest) {
  FakeHttpClient http;
  LiveSourceOptions options;
  options.x_users = {"alice"};
  std::vector<std::unique_ptr<Source>> sources = NewLiveSources(options, &http, nullptr);
  ASSERT_EQ(sources.size(), 1u);
  RawDoc doc;
  EXPECT_FALSE(sources[0]->Next(&doc));
  EXPECT_EQ(sources[0]->status().code(), Status::Code::kInvalidArgument);
  EXPECT_NE(sources[0]->status().message().find("$RAPPORT_X_BEARER_TOKEN"), std::string::npos);
  EXPECT_TRUE(http.requests().empty());
  EXPECT_TRUE(sources[0]->Checkpoints().empty());
}

TEST(LiveSourcesTest, DefaultHttpClientIsUsable) {
  std::unique_ptr<HttpClient> http = NewDefaultHttpClient("RAPPORT_X_BEARER_TOKEN");
  ASSERT_NE(http, nullptr);
  Result<HttpResponse> r = http->Get({"notascheme://x", {}});
  EXPECT_FALSE(r.ok());
}

}  // namespace
}  // namespace rapport::connectors
