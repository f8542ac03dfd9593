// Live sources -> PostParser, and the same pages saved with --save-raw and
// replayed through the file connector: the replay must give the same posts.
// The sources are driven by FakeHttpClient with the connector fixtures
// (tests/data/connectors/), in the order they request them.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <memory>
#include <string>
#include <tuple>
#include <vector>

#include "connectors/bluesky_source.h"
#include "connectors/clock.h"
#include "connectors/fake_http_client.h"
#include "connectors/file_source.h"
#include "connectors/mastodon_source.h"
#include "connectors/x_api_source.h"
#include "pipeline/post_parser.h"
#include "tests/pipeline/test_util.h"

namespace rapport::pipeline {
namespace {

const std::string kData = std::string(RAPPORT_TEST_DATA_DIR) + "/connectors/";
const std::string kToken = "AAAAAAAAAAAAAAAAAAAAAReplayTestBearer%3Dtoken";

std::string Fixture(const std::string& rel) { return testing::ReadFile(kData + rel); }

// Everything about a post but where it was read from.
auto Key(const Post& p) {
  std::vector<std::string> mentions;
  for (const UserRef& m : p.mentions) mentions.push_back(m.id + "/" + m.username);
  return std::make_tuple(p.platform, p.id, p.author_id, p.author_username, p.author_name, p.created_at, p.text, p.lang,
                         p.conversation_id, p.reply_to_post_id, p.reply_to_user_id, mentions, p.hashtags, p.urls,
                         p.url, p.is_repost);
}

struct Parsed {
  std::vector<Post> posts;
  std::vector<Rejected> rejected;
};

Parsed ParseAll(connectors::Source* source) {
  PostParser parser;
  ParsedDoc out;
  connectors::RawDoc doc;
  while (source->Next(&doc)) parser.Parse(doc, &out);
  return {out.posts, out.rejected};
}

class LiveReplayTest : public ::testing::Test {
 protected:
  void SetUp() override {
    // X: alice's lookup, two tweet pages, mentions, two conversations.
    fake_.AddResponse(200, {}, Fixture("x_api/user_alice.json"));
    fake_.AddResponse(200, {}, Fixture("x_api/tweets_p1.json"));
    fake_.AddResponse(200, {}, Fixture("x_api/tweets_p2.json"));
    fake_.AddResponse(200, {}, Fixture("x_api/mentions_p1.json"));
    fake_.AddResponse(200, {}, Fixture("x_api/conversation_300.json"));
    // The second conversation answers with an HTML error page (dead-lettered live, not saved).
    fake_.AddResponse(200, {{"content-type", "text/html"}},
                      "<html><body>Bad gateway; Authorization: Bearer " + kToken + "</body></html>");
    // Bluesky: two feed pages, two threads.
    fake_.AddResponse(200, {}, Fixture("bluesky/feed_p1.json"));
    fake_.AddResponse(200, {}, Fixture("bluesky/feed_p2.json"));
    fake_.AddResponse(200, {}, Fixture("bluesky/thread_a1.json"));
    fake_.AddResponse(200, {}, Fixture("bluesky/thread_a3.json"));
    // Mastodon: lookup, page, context, page, context, empty page.
    fake_.AddResponse(200, {}, Fixture("mastodon/account_dana.json"));
    fake_.AddResponse(200, {{"link", "<https://m.test/api/v1/accounts/110000000000000001/statuses?min_id=113000000000000103>; rel=\"prev\""}},
                      Fixture("mastodon/statuses_p1.json"));
    fake_.AddResponse(200, {}, Fixture("mastodon/context_101.json"));
    fake_.AddResponse(200, {}, Fixture("mastodon/statuses_p2.json"));
    fake_.AddResponse(200, {}, Fixture("mastodon/context_104.json"));
    fake_.AddResponse(200, {}, "[]");
  }

  connectors::LiveCommonOptions Common() {
    connectors::LiveCommonOptions common;
    common.save_raw_dir = (dir_.path() / "raw").string();
    common.clock = &clock_;
    return common;
  }

  testing::TempDir dir_{"live-replay"};
  connectors::FakeClock clock_;
  connectors::FakeHttpClient fake_;
};

TEST_F(LiveReplayTest, SavedPagesReplayToTheSamePosts) {
  connectors::XApiSourceOptions x;
  x.api_base = "https://x.test";
  x.users = {"alice"};
  x.bearer_token = kToken;
  x.common = Common();
  connectors::BlueskySourceOptions bluesky;
  bluesky.api_base = "https://bsky.test";
  bluesky.actors = {"alice.bsky.social"};
  bluesky.common = Common();
  connectors::MastodonSourceOptions mastodon;
  mastodon.instance = "https://m.test";
  mastodon.accounts = {"dana"};
  mastodon.common = Common();

  std::vector<Post> live;
  std::vector<Rejected> rejected;
  std::vector<std::unique_ptr<connectors::Source>> sources;
  sources.push_back(connectors::NewXApiSource(&fake_, nullptr, x));
  sources.push_back(connectors::NewBlueskySource(&fake_, nullptr, bluesky));
  sources.push_back(connectors::NewMastodonSource(&fake_, nullptr, mastodon));
  for (auto& source : sources) {
    Parsed parsed = ParseAll(source.get());
    live.insert(live.end(), parsed.posts.begin(), parsed.posts.end());
    rejected.insert(rejected.end(), parsed.rejected.begin(), parsed.rejected.end());
  }
  EXPECT_EQ(fake_.pending(), 0u) << "every canned answer was asked for";
  // 4 + 1 + 2 X posts (the HTML page is dead-lettered), 3 + 2 + 3 + 2 Bluesky
  // (with the hydrated reply parent, and posts repeated in their threads),
  // 3 + 1 + 1 + 2 Mastodon.
  EXPECT_EQ(live.size(), 7u + 10u + 7u);
  ASSERT_EQ(rejected.size(), 1u);
  EXPECT_EQ(rejected[0].reason.rfind("invalid JSON", 0), 0u) << rejected[0].reason;
  EXPECT_EQ(rejected[0].raw.find(kToken), std::string::npos) << "the dead letter never holds the token";
  EXPECT_NE(rejected[0].raw.find("Authorization: REDACTED"), std::string::npos) << rejected[0].raw;

  // The replay, recognised by content (no platform hint).
  std::vector<std::string> files;
  for (const auto& entry : std::filesystem::directory_iterator(dir_.path() / "raw"))
    files.push_back(entry.path().filename().string());
  std::sort(files.begin(), files.end());
  EXPECT_EQ(files, (std::vector<std::string>{"bluesky-20230601.jsonl", "mastodon-20230601.jsonl", "x-20230601.jsonl"}));
  std::unique_ptr<connectors::Source> replay = connectors::NewFileSource({(dir_.path() / "raw").string()});
  Parsed replayed = ParseAll(replay.get());
  ASSERT_TRUE(replay->status().ok()) << replay->status().ToString();
  EXPECT_TRUE(replayed.rejected.empty());

  auto sorted_keys = [](const std::vector<Post>& posts) {
    std::vector<decltype(Key(posts[0]))> keys;
    for (const Post& p : posts) keys.push_back(Key(p));
    std::sort(keys.begin(), keys.end());
    return keys;
  };
  EXPECT_EQ(sorted_keys(replayed.posts), sorted_keys(live));
  for (const auto& entry : std::filesystem::directory_iterator(dir_.path() / "raw"))
    EXPECT_EQ(testing::ReadFile(entry.path()).find(kToken), std::string::npos) << entry.path();
}

}  // namespace
}  // namespace rapport::pipeline
