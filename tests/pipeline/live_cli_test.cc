// `rapport run` against the live connectors, end to end: a fake X/Bluesky/
// Mastodon server on 127.0.0.1 (tests/tools/fake_api_server), a real state
// store, SIGKILL mid-pagination, and a second night with nothing new.
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "tests/pipeline/test_util.h"

namespace rapport {
namespace {

namespace fs = std::filesystem;
using testing::ReadFile;
using testing::TempDir;

constexpr const char* kToken = "s3cr3t-bearer-token-value";
const char* kOutputs[] = {"artifacts.jsonl", "artifacts.csv", "review.html", "threads.jsonl", "connections.jsonl"};

// The fake API server as a child process; stopped by the destructor.
class FakeServer {
 public:
  explicit FakeServer(std::vector<std::string> extra, const fs::path& request_log) {
    int out[2];
    if (pipe(out) != 0) return;
    pid_ = fork();
    if (pid_ == 0) {
      dup2(out[1], 1);
      close(out[0]);
      int devnull = open("/dev/null", O_WRONLY);
      dup2(devnull, 2);
      std::vector<std::string> args = {RAPPORT_FAKE_API_SERVER, "--root", std::string(RAPPORT_TEST_DATA_DIR) + "/fake_api",
                                       "--port", "0", "--request-log", request_log.string()};
      args.insert(args.end(), extra.begin(), extra.end());
      std::vector<char*> argv;
      for (auto& a : args) argv.push_back(a.data());
      argv.push_back(nullptr);
      execv(argv[0], argv.data());
      _exit(127);
    }
    close(out[1]);
    FILE* f = fdopen(out[0], "r");
    char line[64] = {0};
    if (f && std::fgets(line, sizeof line, f)) std::sscanf(line, "port %d", &port_);
    if (f) std::fclose(f);
  }
  ~FakeServer() {
    if (pid_ > 0) {
      kill(pid_, SIGTERM);
      int status;
      waitpid(pid_, &status, 0);
    }
  }
  int port() const { return port_; }
  std::string base() const { return "http://127.0.0.1:" + std::to_string(port_); }

 private:
  pid_t pid_ = -1;
  int port_ = 0;
};

std::vector<std::string> RunArgs(const FakeServer& server, const fs::path& state, const fs::path& out) {
  return {"run", "--x-users", "alice,bob", "--bluesky-actors", "alice.bsky.social", "--mastodon-accounts", "dana",
          "--x-api-base", server.base(), "--bluesky-api-base", server.base(), "--mastodon-instance", server.base(),
          "--state", state.string(), "--out", out.string(), "--log-level", "info"};
}

// Runs rapport in a child with the token in its environment; returns its pid.
pid_t Spawn(const std::vector<std::string>& args, const fs::path& stderr_path) {
  pid_t pid = fork();
  if (pid == 0) {
    int devnull = open("/dev/null", O_WRONLY);
    dup2(devnull, 1);
    int err = open(stderr_path.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
    dup2(err, 2);
    setenv("RAPPORT_X_BEARER_TOKEN", kToken, 1);
    std::vector<std::string> all = {RAPPORT_BINARY};
    all.insert(all.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (auto& a : all) argv.push_back(a.data());
    argv.push_back(nullptr);
    execv(argv[0], argv.data());
    _exit(127);
  }
  return pid;
}

int Wait(pid_t pid) {
  int status = 0;
  waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

size_t Lines(const fs::path& p) {
  std::string s = ReadFile(p);
  size_t n = 0;
  for (char c : s) n += c == '\n';
  return n;
}

class LiveCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!fs::exists(RAPPORT_FAKE_API_SERVER)) GTEST_SKIP() << "fake_api_server not built (no cpp-httplib)";
    // One uninterrupted run: the reference.
    FakeServer server({}, tmp_.path() / "clean.log");
    ASSERT_GT(server.port(), 0);
    ASSERT_EQ(Wait(Spawn(RunArgs(server, tmp_.path() / "clean-state", tmp_.path() / "clean"), tmp_.path() / "clean.err")),
              0)
        << ReadFile(tmp_.path() / "clean.err");
  }
  TempDir tmp_{"live-cli"};
};

TEST_F(LiveCliTest, UninterruptedRunFindsPostsFromAllThreePlatforms) {
  std::string artifacts = ReadFile(tmp_.path() / "clean" / "artifacts.jsonl");
  EXPECT_NE(artifacts.find("\"platform\":\"x\""), std::string::npos);
  EXPECT_NE(artifacts.find("\"platform\":\"mastodon\""), std::string::npos);
}

TEST_F(LiveCliTest, PerRunLimitsComeFromTheCommandLine) {
  FakeServer server({}, tmp_.path() / "limited.log");
  ASSERT_GT(server.port(), 0);
  std::vector<std::string> args = RunArgs(server, tmp_.path() / "limited-state", tmp_.path() / "limited");
  for (const char* a : {"--max-threads", "0", "--x-start-time", "2026-01-01T00:00:00Z"}) args.push_back(a);
  ASSERT_EQ(Wait(Spawn(args, tmp_.path() / "limited.err")), 0) << ReadFile(tmp_.path() / "limited.err");
  const std::string log = ReadFile(tmp_.path() / "limited.log");
  const std::string clean = ReadFile(tmp_.path() / "clean.log");
  ASSERT_NE(clean.find("search/recent"), std::string::npos) << "the reference run expands conversations";
  EXPECT_EQ(log.find("search/recent"), std::string::npos) << "--max-threads 0: no conversation expanded\n" << log;
  EXPECT_EQ(log.find("getPostThread"), std::string::npos) << log;
  EXPECT_EQ(log.find("/context"), std::string::npos) << log;
  EXPECT_NE(log.find("start_time=2026-01-01T00"), std::string::npos) << "a first X sync starts there\n" << log;
  EXPECT_LT(Lines(tmp_.path() / "limited.log"), Lines(tmp_.path() / "clean.log"));
}

TEST_F(LiveCliTest, SecondRunFetchesNothingNewAndChangesNoOutput) {
  FakeServer server({}, tmp_.path() / "second.log");
  ASSERT_GT(server.port(), 0);
  // Night 2 on the same store: copy the reference store.
  fs::copy(tmp_.path() / "clean-state", tmp_.path() / "state2", fs::copy_options::recursive);
  ASSERT_EQ(Wait(Spawn(RunArgs(server, tmp_.path() / "state2", tmp_.path() / "out2"), tmp_.path() / "out2.err")), 0)
      << ReadFile(tmp_.path() / "out2.err");
  for (const char* f : kOutputs)
    EXPECT_EQ(ReadFile(tmp_.path() / "clean" / f), ReadFile(tmp_.path() / "out2" / f)) << f << " changed";
  std::string log = ReadFile(tmp_.path() / "second.log");
  EXPECT_NE(log.find("since_id="), std::string::npos) << "X asked only for what is newer: " << log;
  EXPECT_EQ(log.find("pagination_token="), std::string::npos) << "no page beyond the first: " << log;
  EXPECT_LT(Lines(tmp_.path() / "second.log"), Lines(tmp_.path() / "clean.log"));
}

TEST_F(LiveCliTest, KilledMidPaginationThenRerunGivesTheUninterruptedPosts) {
  for (int pages : {1, 3, 6}) {
    SCOPED_TRACE(pages);
    const fs::path state = tmp_.path() / ("state-" + std::to_string(pages));
    const fs::path out = tmp_.path() / ("out-" + std::to_string(pages));
    const fs::path log = tmp_.path() / ("kill-" + std::to_string(pages) + ".log");
    {
      // The server answers `pages` pages, then hangs: the run is mid-pagination when killed.
      FakeServer server({"--fail-after-pages", std::to_string(pages), "--fail-mode", "hang"}, log);
      ASSERT_GT(server.port(), 0);
      pid_t pid = Spawn(RunArgs(server, state, out), tmp_.path() / "kill.err");
      auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
      // The log has a line per answered request; the next one hangs unanswered.
      while (Lines(log) < static_cast<size_t>(pages) && std::chrono::steady_clock::now() < deadline)
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
      std::this_thread::sleep_for(std::chrono::milliseconds(300));
      kill(pid, SIGKILL);
      EXPECT_EQ(Wait(pid), 128 + SIGKILL);
    }
    FakeServer server({}, tmp_.path() / "rerun.log");
    ASSERT_EQ(Wait(Spawn(RunArgs(server, state, out), tmp_.path() / "rerun.err")), 0)
        << ReadFile(tmp_.path() / "rerun.err");
    for (const char* f : kOutputs)
      EXPECT_EQ(ReadFile(tmp_.path() / "clean" / f), ReadFile(out / f)) << f << " differs from the uninterrupted run";
  }
}

TEST_F(LiveCliTest, TheTokenNeverAppearsInOutputsOrLogs) {
  for (const auto& entry : fs::recursive_directory_iterator(tmp_.path())) {
    if (!entry.is_regular_file()) continue;
    EXPECT_EQ(ReadFile(entry.path()).find(kToken), std::string::npos) << entry.path();
  }
}

}  // namespace
}  // namespace rapport
