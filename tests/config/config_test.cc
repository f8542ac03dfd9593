#include "config/config.h"

#include <fstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace rapport::config {
namespace {

Result<ParsedArgs> ParseArgs(std::vector<const char*> argv, std::vector<const char*> env = {}) {
  argv.insert(argv.begin(), "run");
  env.push_back(nullptr);
  return Parse(static_cast<int>(argv.size()), argv.data(), env.data());
}

TEST(ConfigTest, Defaults) {
  auto r = ParseArgs({});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->config.out_dir, "out");
  EXPECT_EQ(r->config.threads, 0);
  EXPECT_EQ(r->config.top_k, 10);
  EXPECT_EQ(r->config.x_api_base, "https://api.x.com");
  EXPECT_EQ(r->config.bluesky_api_base, "https://public.api.bsky.app");
  EXPECT_TRUE(r->config.inputs.empty());
}

TEST(ConfigTest, RepeatedAndListOptions) {
  auto r = ParseArgs({"--input", "a.jsonl", "-i", "b", "--x-users", "dana, sam", "--x-users", "priya"});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->config.inputs, (std::vector<std::string>{"a.jsonl", "b"}));
  EXPECT_EQ(r->config.x_users, (std::vector<std::string>{"dana", "sam", "priya"}));
}

TEST(ConfigTest, SensitiveCategoriesAreWithheldUnlessAllowedByName) {
  auto r = ParseArgs({});
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r->config.allow_sensitive.empty());
  r = ParseArgs({"--allow-sensitive", "health, religion"}, {"RAPPORT_ALLOW_SENSITIVE=politics"});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->config.allow_sensitive, (std::vector<std::string>{"health", "religion"}));
  r = ParseArgs({}, {"RAPPORT_ALLOW_SENSITIVE=all"});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->config.allow_sensitive, (std::vector<std::string>{"all"}));
  r = ParseArgs({"--allow-sensitive", "health,sexuality"});
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("'sexuality'"), std::string::npos) << r.status().message();
}

TEST(ConfigTest, LiveLimitsAndStartTime) {
  auto r = ParseArgs({});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->config.max_pages, 40);
  EXPECT_EQ(r->config.max_threads, 20);
  r = ParseArgs({"--max-pages", "3", "--max-threads", "0", "--thread-depth", "4", "--x-start-time", "2026-01-01T00:00:00Z"},
                {"RAPPORT_MAX_THREAD_PAGES=2"});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->config.max_pages, 3);
  EXPECT_EQ(r->config.max_threads, 0);
  EXPECT_EQ(r->config.max_thread_pages, 2);
  EXPECT_EQ(r->config.thread_depth, 4);
  EXPECT_EQ(r->config.x_start_time, "2026-01-01T00:00:00Z");
  EXPECT_FALSE(ParseArgs({"--max-pages", "0"}).ok());
  EXPECT_FALSE(ParseArgs({"--x-start-time", "yesterday"}).ok());
}

TEST(ConfigTest, PrecedenceCommandLineThenEnvironmentThenFileThenDefaults) {
  std::string path = ::testing::TempDir() + "/rapport_config_test.ini";
  {
    std::ofstream f(path);
    f << "# comment\ntop-k = 3\nthreads = 5\nevidence = 4\nout = file-out\n";
  }
  std::string config_arg = path;
  auto r = ParseArgs({"--config", config_arg.c_str(), "--top-k", "7"}, {"RAPPORT_THREADS=2", "RAPPORT_TOP_K=9"});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->config.top_k, 7) << "command line beats environment and file";
  EXPECT_EQ(r->config.threads, 2) << "environment beats file";
  EXPECT_EQ(r->config.evidence, 4) << "file beats default";
  EXPECT_EQ(r->config.out_dir, "file-out");
  EXPECT_EQ(r->config.quiet_days, 30) << "default";
  EXPECT_EQ(r->config.config_file, path);
}

TEST(ConfigTest, ConfigFileFromEnvironment) {
  std::string path = ::testing::TempDir() + "/rapport_config_env.ini";
  {
    std::ofstream f(path);
    f << "top-k = 4\n";
  }
  std::string env = "RAPPORT_CONFIG=" + path;
  auto r = ParseArgs({}, {env.c_str()});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->config.top_k, 4);
}

TEST(ConfigTest, UnknownOptionNamesItselfAndSuggests) {
  auto r = ParseArgs({"--thread", "2"});
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("--thread"), std::string::npos) << r.status().message();
  EXPECT_NE(r.status().message().find("did you mean --threads?"), std::string::npos) << r.status().message();
}

TEST(ConfigTest, UnknownKeyInFileIsAnError) {
  std::string path = ::testing::TempDir() + "/rapport_config_bad.ini";
  {
    std::ofstream f(path);
    f << "topk = 3\n";
  }
  auto r = ParseArgs({"--config", path.c_str()});
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("topk"), std::string::npos) << r.status().message();
}

TEST(ConfigTest, BadValuesNameTheOption) {
  auto r = ParseArgs({"--threads", "many"});
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("threads"), std::string::npos) << r.status().message();
  r = ParseArgs({"--top-k", "0"});
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("--top-k"), std::string::npos);
  r = ParseArgs({"--log-level", "loud"});
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("--log-level"), std::string::npos);
  r = ParseArgs({"--config", "/nonexistent/rapport.ini"});
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("/nonexistent/rapport.ini"), std::string::npos);
}

TEST(ConfigTest, SecretsComeFromTheEnvironmentOnly) {
  auto r = ParseArgs({}, {"RAPPORT_X_BEARER_TOKEN=s3cr3t-token", "UNRELATED=1", "RAPPORT_NOT_AN_OPTION=1"});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->config.x_bearer_token, "s3cr3t-token");
  EXPECT_EQ(Help().find("s3cr3t"), std::string::npos);
  auto bad = ParseArgs({"--x-bearer-token", "abc"});
  EXPECT_FALSE(bad.ok()) << "there is no command-line option for the token";
}

TEST(ConfigTest, HelpListsEveryOption) {
  std::string help = Help();
  for (const char* o : {"--input", "--out", "--threads", "--top-k", "--config", "--state", "--x-api-base", "--x-users",
                        "--bluesky-api-base", "--bluesky-actors", "--mastodon-instance", "--mastodon-accounts",
                        "--save-raw", "--log-level", "--progress"})
    EXPECT_NE(help.find(o), std::string::npos) << o;
}

TEST(ConfigTest, ASubcommandsHelpListsOnlyItsOptions) {
  const std::string help = Help({"state", "out"});
  EXPECT_NE(help.find("--state"), std::string::npos) << help;
  EXPECT_NE(help.find("--out"), std::string::npos) << help;
  for (const char* o : {"--input", "--threads", "--max-pages", "--x-users", "--save-raw"})
    EXPECT_EQ(help.find(o), std::string::npos) << o << " in " << help;
  EXPECT_LT(help.find("--out"), help.find("--state")) << "in the order of the full help";
  EXPECT_NE(Help({"state"}).find("default"), std::string::npos) << "same heading as the full help";
}

}  // namespace
}  // namespace rapport::config
