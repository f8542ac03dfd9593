// Nightly semantics through the real binary and a real state store:
// idempotent reruns, SIGKILL at several points, decisions that stick.
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fcntl.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <thread>

#include <gtest/gtest.h>
#include <sqlite3.h>

#include "pipeline/state_store.h"
#include "tests/pipeline/test_util.h"

namespace rapport {
namespace {

namespace fs = std::filesystem;
using testing::ReadFile;
using testing::TempDir;
using testing::WriteFile;

const std::string kSample = std::string(RAPPORT_SOURCE_DIR) + "/data/sample";
const char* kOutputs[] = {"artifacts.jsonl", "artifacts.csv", "review.html", "threads.jsonl", "connections.jsonl",
                          "deadletter.jsonl"};

int RunCli(const std::string& args, const std::string& env = "") {
  std::string cmd = env + " " + std::string(RAPPORT_BINARY) + " " + args + " >/dev/null 2>&1 </dev/null";
  int rc = std::system(cmd.c_str());
  if (WIFSIGNALED(rc)) return 128 + WTERMSIG(rc);
  return WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
}

void ExpectSameOutputs(const fs::path& a, const fs::path& b) {
  for (const char* f : kOutputs) EXPECT_EQ(ReadFile(a / f), ReadFile(b / f)) << f << " differs";
}

// A larger input (about 6,000 posts over many days) so a run lasts long enough to be killed mid-way.
void WriteBigInput(const fs::path& path) {
  std::string out;
  const char* texts[] = {"I love hiking with my dog Rover in the Alps", "My daughter Maya started piano lessons",
                         "Sourdough baking again this weekend #SourdoughBaking", "I work at Globex in the Sydney office",
                         "Marathon training: 18 miles today", "I don't eat meat these days"};
  for (int page = 0; page < 600; ++page) {
    out += "{\"data\":[";
    for (int i = 0; i < 10; ++i) {
      int n = page * 10 + i;
      if (i) out += ",";
      out += "{\"id\":\"" + std::to_string(1000000 + n) + "\",\"text\":\"" + texts[n % 6] + " #" + std::to_string(n % 50) +
             "\",\"author_id\":\"" + std::to_string(n % 97) + "\",\"created_at\":\"2026-0" + std::to_string(1 + n % 9) +
             "-" + std::to_string(10 + n % 18) + "T10:00:00.000Z\",\"lang\":\"en\",\"conversation_id\":\"" +
             std::to_string(n % 300) + "\"}";
    }
    out += "],\"includes\":{\"users\":[]}}\n";
  }
  WriteFile(path, out);
}

TEST(NightlyTest, SecondRunOnTheSameInputChangesNothing) {
  TempDir tmp("nightly-idem");
  std::string state = (tmp.path() / "state").string();
  ASSERT_EQ(RunCli("run --input " + kSample + " --state " + state + " --out " + (tmp.path() / "o1").string()), 0);
  uint64_t posts_after_first;
  {
    auto store = pipeline::StateStore::Open(state);
    ASSERT_TRUE(store.ok());
    posts_after_first = store.value()->PostCount();
    EXPECT_EQ(posts_after_first, 33u);
  }
  ASSERT_EQ(RunCli("run --input " + kSample + " --state " + state + " --out " + (tmp.path() / "o2").string()), 0);
  ExpectSameOutputs(tmp.path() / "o1", tmp.path() / "o2");
  auto store = pipeline::StateStore::Open(state);
  ASSERT_TRUE(store.ok());
  EXPECT_EQ(store.value()->PostCount(), posts_after_first);
  auto runs = store.value()->LastRuns(5);
  ASSERT_EQ(runs.size(), 2u);
  EXPECT_EQ(runs[0].posts_new, 0u) << "the rerun added nothing";
  EXPECT_EQ(runs[1].posts_new, 33u);
}

TEST(NightlyTest, StatefulOutputsEqualStatelessOnes) {
  TempDir tmp("nightly-eq");
  ASSERT_EQ(RunCli("run --input " + kSample + " --state " + (tmp.path() / "s").string() + " --out " +
                   (tmp.path() / "a").string()),
            0);
  ASSERT_EQ(RunCli("run --input " + kSample + " --out " + (tmp.path() / "b").string()), 0);
  EXPECT_EQ(ReadFile(tmp.path() / "a" / "artifacts.jsonl"), ReadFile(tmp.path() / "b" / "artifacts.jsonl"));
}

TEST(NightlyTest, IncrementalRunsEqualOneRunOverEverything) {
  TempDir tmp("nightly-incr");
  // Night 1 reads the pages, night 2 the archive; one clean run reads both.
  std::string state = (tmp.path() / "state").string();
  ASSERT_EQ(RunCli("run --input " + kSample + "/x_search_pages.jsonl --state " + state + " --out " +
                   (tmp.path() / "n1").string()),
            0);
  ASSERT_EQ(RunCli("run --input " + kSample + "/archive-dana --state " + state + " --out " + (tmp.path() / "n2").string()),
            0);
  ASSERT_EQ(RunCli("run --input " + kSample + " --state " + (tmp.path() / "clean").string() + " --out " +
                   (tmp.path() / "all").string()),
            0);
  EXPECT_EQ(ReadFile(tmp.path() / "n2" / "artifacts.jsonl"), ReadFile(tmp.path() / "all" / "artifacts.jsonl"));
  EXPECT_EQ(ReadFile(tmp.path() / "n2" / "threads.jsonl"), ReadFile(tmp.path() / "all" / "threads.jsonl"));
}

TEST(NightlyTest, KilledAtAnyPointThenRerunEqualsACleanRun) {
  TempDir tmp("nightly-crash");
  WriteBigInput(tmp.path() / "big.jsonl");
  const std::string input = (tmp.path() / "big.jsonl").string();
  ASSERT_EQ(RunCli("run --input " + input + " --state " + (tmp.path() / "clean").string() + " --out " +
                   (tmp.path() / "clean-out").string()),
            0);
  for (const char* point : {"before-outputs", "mid-outputs", "after-outputs", "before-commit"}) {
    SCOPED_TRACE(point);
    std::string state = (tmp.path() / (std::string("s-") + point)).string();
    std::string out = (tmp.path() / (std::string("o-") + point)).string();
    EXPECT_EQ(RunCli("run --input " + input + " --state " + state + " --out " + out,
                     std::string("RAPPORT_CRASH_POINT=") + point),
              128 + SIGKILL);
    ASSERT_EQ(RunCli("run --input " + input + " --state " + state + " --out " + out), 0);
    ExpectSameOutputs(tmp.path() / "clean-out", out);
    auto store = pipeline::StateStore::Open(state);
    ASSERT_TRUE(store.ok());
    EXPECT_EQ(store.value()->LastRuns(10).size(), 1u) << "the killed run left no trace";
  }
}

TEST(NightlyTest, KilledMidPipelineByTheClockThenRerunEqualsACleanRun) {
  TempDir tmp("nightly-kill");
  WriteBigInput(tmp.path() / "big.jsonl");
  const std::string input = (tmp.path() / "big.jsonl").string();
  ASSERT_EQ(RunCli("run --input " + input + " --state " + (tmp.path() / "clean").string() + " --out " +
                   (tmp.path() / "clean-out").string()),
            0);
  for (int delay_ms : {5, 40, 120}) {
    SCOPED_TRACE(delay_ms);
    std::string state = (tmp.path() / ("s" + std::to_string(delay_ms))).string();
    std::string out = (tmp.path() / ("o" + std::to_string(delay_ms))).string();
    pid_t pid = fork();
    ASSERT_GE(pid, 0);
    if (pid == 0) {
      int devnull = open("/dev/null", O_WRONLY);
      dup2(devnull, 1);
      dup2(devnull, 2);
      execl(RAPPORT_BINARY, RAPPORT_BINARY, "run", "--input", input.c_str(), "--state", state.c_str(), "--out",
            out.c_str(), static_cast<char*>(nullptr));
      _exit(127);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(delay_ms));
    kill(pid, SIGKILL);
    int status = 0;
    waitpid(pid, &status, 0);
    EXPECT_TRUE(WIFSIGNALED(status)) << "the run finished before the kill; make the input larger";
    ASSERT_EQ(RunCli("run --input " + input + " --state " + state + " --out " + out), 0);
    ExpectSameOutputs(tmp.path() / "clean-out", out);
  }
}

TEST(NightlyTest, RejectedCandidatesNeverComeBackAndEditsStick) {
  TempDir tmp("nightly-review");
  std::string state = (tmp.path() / "state").string();
  ASSERT_EQ(RunCli("run --input " + kSample + " --state " + state + " --out " + (tmp.path() / "o1").string()), 0);
  std::string first = ReadFile(tmp.path() / "o1" / "artifacts.jsonl");
  // Reject the first candidate, edit the second.
  std::string id1 = first.substr(first.find("\"candidate_id\":\"") + 16, 16);
  size_t second_line = first.find('\n') + 1;
  std::string id2 = first.substr(first.find("\"candidate_id\":\"", second_line) + 16, 16);
  {
    auto store = pipeline::StateStore::Open(state);
    ASSERT_TRUE(store.ok());
    ASSERT_TRUE(store.value()->SetDecision(id1, {"rejected", "", 1}).ok());
    ASSERT_TRUE(store.value()->SetDecision(id2, {"edited", "dog: Rover (black lab)", 1}).ok());
  }
  ASSERT_EQ(RunCli("run --input " + kSample + " --state " + state + " --out " + (tmp.path() / "o2").string()), 0);
  std::string second = ReadFile(tmp.path() / "o2" / "artifacts.jsonl");
  EXPECT_EQ(second.find(id1), std::string::npos) << "rejected: gone";
  size_t at = second.find(id2);
  ASSERT_NE(at, std::string::npos);
  std::string line = second.substr(at, second.find('\n', at) - at);
  EXPECT_NE(line.find("\"value\":\"dog: Rover (black lab)\""), std::string::npos) << line;
  EXPECT_NE(line.find("\"review\":\"edited\""), std::string::npos) << line;
  // And still gone after one more night with new posts.
  ASSERT_EQ(RunCli("run --input " + kSample + " --state " + state + " --out " + (tmp.path() / "o3").string()), 0);
  EXPECT_EQ(ReadFile(tmp.path() / "o3" / "artifacts.jsonl").find(id1), std::string::npos);
}

TEST(NightlyTest, SuppressedPeopleAreNeitherProcessedNorExported) {
  TempDir tmp("nightly-suppress");
  std::string state = (tmp.path() / "state").string();
  ASSERT_EQ(RunCli("run --input " + kSample + " --state " + state + " --out " + (tmp.path() / "o1").string()), 0);
  EXPECT_NE(ReadFile(tmp.path() / "o1" / "artifacts.jsonl").find("sam_okafor"), std::string::npos);
  ASSERT_EQ(RunCli("suppress --state " + state + " @sam_okafor"), 0);
  ASSERT_EQ(RunCli("run --input " + kSample + " --state " + state + " --out " + (tmp.path() / "o2").string()), 0);
  for (const char* f : {"artifacts.jsonl", "artifacts.csv", "threads.jsonl", "connections.jsonl"}) {
    std::string out = ReadFile(tmp.path() / "o2" / f);
    EXPECT_EQ(out.find("\"username\":\"sam_okafor\""), std::string::npos) << f;
    EXPECT_EQ(out.find("2001000001,sam_okafor"), std::string::npos) << f;
  }
  EXPECT_EQ(ReadFile(tmp.path() / "o2" / "artifacts.jsonl").find("birthday: --0922"), std::string::npos)
      << "the birthday Dana gave Sam is not proposed";
}

// Every text cell of the tables that hold posts and what came of them.
std::string StoreText(const std::string& state) {
  auto store = pipeline::StateStore::Open(state);
  if (!store.ok()) return "";
  std::string all = "|";
  for (const char* table : {"posts", "occurrences", "candidates"}) {
    sqlite3_stmt* st = nullptr;
    if (sqlite3_prepare_v2(store.value()->db(), (std::string("SELECT * FROM ") + table).c_str(), -1, &st, nullptr) !=
        SQLITE_OK)
      continue;
    while (sqlite3_step(st) == SQLITE_ROW)
      for (int c = 0; c < sqlite3_column_count(st); ++c)
        if (const unsigned char* t = sqlite3_column_text(st, c)) all += std::string(reinterpret_cast<const char*>(t)) + "|";
    sqlite3_finalize(st);
  }
  return all;
}

TEST(NightlyTest, SuppressedBeforeTheFirstRunLeavesNoTraceInTheStore) {
  TempDir tmp("nightly-suppress-first");
  std::string state = (tmp.path() / "state").string();
  ASSERT_EQ(RunCli("suppress --state " + state + " @sam_okafor"), 0);
  ASSERT_EQ(RunCli("suppress --state " + state + " 2001000001"), 0);
  ASSERT_EQ(RunCli("run --input " + kSample + " --state " + state + " --out " + (tmp.path() / "o").string()), 0);
  const std::string all = StoreText(state);
  ASSERT_NE(all.find("dana_rios"), std::string::npos) << "the others' posts are stored";
  EXPECT_EQ(all.find("sam_okafor"), std::string::npos) << all.substr(0, 2000);
  EXPECT_EQ(all.find("2001000001"), std::string::npos);
  EXPECT_NE(all.find("@[forgotten]"), std::string::npos) << "their handle in others' posts is replaced";
  for (const char* f : {"artifacts.jsonl", "threads.jsonl", "connections.jsonl", "review.html"})
    EXPECT_EQ(ReadFile(tmp.path() / "o" / f).find("sam_okafor"), std::string::npos) << f;
}

TEST(NightlyTest, AFailedRunIsInTheHistoryAndLeavesNothingElse) {
  TempDir tmp("nightly-failed-run");
  std::string state = (tmp.path() / "state").string();
  WriteFile(tmp.path() / "not-a-folder", "x");  // --out names a file: the outputs cannot be written
  ASSERT_EQ(RunCli("run --input " + kSample + " --state " + state + " --out " + (tmp.path() / "not-a-folder").string()), 4);
  std::string cmd = std::string(RAPPORT_BINARY) + " status --state " + state + " > " + (tmp.path() / "st.txt").string();
  ASSERT_EQ(std::system(cmd.c_str()), 0);
  std::string status = ReadFile(tmp.path() / "st.txt");
  EXPECT_NE(status.find("exit 4"), std::string::npos) << status;
  EXPECT_NE(status.find("posts stored: 0"), std::string::npos) << "the run itself was rolled back\n" << status;
}

TEST(NightlyTest, StatusPurgeAndForgetCommands) {
  TempDir tmp("nightly-admin");
  std::string state = (tmp.path() / "state").string();
  ASSERT_EQ(RunCli("run --input " + kSample + " --state " + state + " --out " + (tmp.path() / "o").string()), 0);
  std::string cmd = std::string(RAPPORT_BINARY) + " status --state " + state + " > " + (tmp.path() / "st.txt").string();
  ASSERT_EQ(std::system(cmd.c_str()), 0);
  std::string status = ReadFile(tmp.path() / "st.txt");
  EXPECT_NE(status.find("posts stored: 33"), std::string::npos) << status;
  EXPECT_NE(status.find("44 pending"), std::string::npos) << status;
  EXPECT_EQ(RunCli("status"), 2) << "--state is required";
  ASSERT_EQ(RunCli("forget --state " + state + " @jordan_lee"), 0);
  {
    auto store = pipeline::StateStore::Open(state);
    ASSERT_TRUE(store.ok());
    EXPECT_EQ(store.value()->PostCount(), 26u) << "jordan's 7 posts are gone";
  }
  ASSERT_EQ(RunCli("purge --state " + state + " --older-than 0"), 0);
  auto store = pipeline::StateStore::Open(state);
  ASSERT_TRUE(store.ok());
  EXPECT_EQ(store.value()->PostCount(), 0u);
  EXPECT_EQ(RunCli("purge --state " + state + " --older-than soon"), 2);
  // A mistyped --state is an error (exit 5), not a new empty store.
  const std::string typo = (tmp.path() / "stat").string();
  for (const char* command : {"status", "forget", "export"}) {
    EXPECT_EQ(RunCli(std::string(command) + " --state " + typo + (std::string(command) == "forget" ? " @x" : "")), 5)
        << command;
    EXPECT_FALSE(fs::exists(typo)) << command;
  }
}

TEST(NightlyTest, TheAuthorsOwnBirthdayReachesTheVCard) {
  TempDir tmp("nightly-own-birthday");
  std::string state = (tmp.path() / "state").string();
  WriteFile(tmp.path() / "in.jsonl",
            R"({"data":[{"id":"501","text":"My birthday is April 15th, cake at noon","author_id":"42","created_at":"2026-03-01T10:00:00.000Z","lang":"en"}],"includes":{"users":[{"id":"42","username":"lee_k","name":"Lee Kim"}]}})"
            "\n");
  ASSERT_EQ(RunCli("run --input " + (tmp.path() / "in.jsonl").string() + " --state " + state + " --out " +
                   (tmp.path() / "o").string()),
            0);
  std::string artifacts = ReadFile(tmp.path() / "o" / "artifacts.jsonl");
  size_t at = artifacts.find("\"value\":\"birthday: --0415\"");
  ASSERT_NE(at, std::string::npos) << artifacts;
  size_t line = artifacts.rfind('\n', at);
  line = line == std::string::npos ? 0 : line + 1;
  const std::string id = artifacts.substr(artifacts.find("\"candidate_id\":\"", line) + 16, 16);
  {
    auto store = pipeline::StateStore::Open(state);
    ASSERT_TRUE(store.ok());
    ASSERT_TRUE(store.value()->SetDecision(id, {"accepted", "", 1}).ok());
  }
  ASSERT_EQ(RunCli("export --state " + state + " --out " + (tmp.path() / "crm").string()), 0);
  std::string vcf = ReadFile(tmp.path() / "crm" / "contacts.vcf");
  EXPECT_NE(vcf.find("FN:Lee Kim\r\n"), std::string::npos) << vcf;
  EXPECT_NE(vcf.find("BDAY:--0415\r\n"), std::string::npos) << vcf;
}

TEST(NightlyTest, ExportWritesAcceptedArtifactsOnly) {
  TempDir tmp("nightly-export");
  std::string state = (tmp.path() / "state").string();
  ASSERT_EQ(RunCli("run --input " + kSample + " --state " + state + " --out " + (tmp.path() / "o").string()), 0);
  std::string artifacts = ReadFile(tmp.path() / "o" / "artifacts.jsonl");
  // Accept Sam's birthday; reject Dana's dog.
  auto id_of = [&](const std::string& value) {
    size_t at = artifacts.find("\"value\":\"" + value + "\"");
    size_t line = artifacts.rfind('\n', at);
    line = line == std::string::npos ? 0 : line + 1;
    return artifacts.substr(artifacts.find("\"candidate_id\":\"", line) + 16, 16);
  };
  {
    auto store = pipeline::StateStore::Open(state);
    ASSERT_TRUE(store.ok());
    ASSERT_TRUE(store.value()->SetDecision(id_of("birthday: --0922"), {"accepted", "", 1}).ok());
    ASSERT_TRUE(store.value()->SetDecision(id_of("dog: Rover"), {"rejected", "", 1}).ok());
  }
  ASSERT_EQ(RunCli("export --state " + state + " --out " + (tmp.path() / "crm").string()), 0);
  std::string vcf = ReadFile(tmp.path() / "crm" / "contacts.vcf");
  EXPECT_NE(vcf.find("FN:Sam Okafor\r\n"), std::string::npos) << vcf;
  EXPECT_NE(vcf.find("BDAY:--0922\r\n"), std::string::npos) << vcf;
  EXPECT_EQ(vcf.find("Rover"), std::string::npos) << "rejected: not exported";
  EXPECT_EQ(vcf.find("Dana"), std::string::npos) << "nothing of Dana was accepted";
  std::string csv = ReadFile(tmp.path() / "crm" / "crm.csv");
  EXPECT_NE(csv.find("sam_okafor,Sam Okafor,https://x.com/sam_okafor,09-22"), std::string::npos) << csv;
  EXPECT_EQ(ReadFile(tmp.path() / "crm" / "contacts-changes.vcf"), vcf) << "first export: everything is new";

  // Two years later, a night with one unrelated post: the recurrence window
  // moves on, but what was accepted stays exportable.
  WriteFile(tmp.path() / "later.jsonl",
            R"({"id":"9000000001","text":"Lovely morning for a walk","author_id":"777","created_at":"2028-10-01T08:00:00.000Z","lang":"en"})"
            "\n");
  ASSERT_EQ(RunCli("run --input " + (tmp.path() / "later.jsonl").string() + " --state " + state + " --out " +
                   (tmp.path() / "o2").string()),
            0);
  ASSERT_EQ(RunCli("export --state " + state + " --out " + (tmp.path() / "crm2").string()), 0);
  EXPECT_NE(ReadFile(tmp.path() / "crm2" / "contacts.vcf").find("BDAY:--0922\r\n"), std::string::npos)
      << "an accepted fact outlives the recurrence window";
  EXPECT_EQ(ReadFile(tmp.path() / "crm2" / "contacts-changes.vcf"), "") << "nothing new or changed since";
  EXPECT_EQ(ReadFile(tmp.path() / "crm2" / "crm-changes.csv").find("sam_okafor"), std::string::npos);
}

}  // namespace
}  // namespace rapport
