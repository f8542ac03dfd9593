// End-to-end tests of `rapport run`: the real binary on real-format files.
#include <sys/wait.h>

#include <cstdlib>
#include <filesystem>
#include <set>
#include <string>

#include <gtest/gtest.h>
#include <simdjson.h>

#include "tests/pipeline/test_util.h"

namespace rapport {
namespace {

namespace fs = std::filesystem;
using testing::ReadFile;
using testing::TempDir;
using testing::WriteFile;

struct CliResult {
  int exit_code = -1;
  std::string out, err;
};

CliResult RunCli(const std::string& args, const fs::path& dir) {
  std::string cmd = std::string(RAPPORT_BINARY) + " " + args + " >" + (dir / "stdout.txt").string() + " 2>" +
                    (dir / "stderr.txt").string() + " </dev/null";
  int rc = std::system(cmd.c_str());
  CliResult r;
  r.exit_code = WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
  r.out = ReadFile(dir / "stdout.txt");
  r.err = ReadFile(dir / "stderr.txt");
  return r;
}

const std::string kSample = std::string(RAPPORT_SOURCE_DIR) + "/data/sample";

TEST(RunTest, SampleWritesTheFourOutputsAndASummary) {
  TempDir tmp("run-sample");
  CliResult r = RunCli("run --input " + kSample + " --out " + (tmp.path() / "out").string(), tmp.path());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  for (const char* f : {"artifacts.jsonl", "artifacts.csv", "review.html", "deadletter.jsonl"})
    EXPECT_TRUE(fs::exists(tmp.path() / "out" / f)) << f;
  EXPECT_NE(r.out.find("posts read"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("rejected 1: missing id"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("non-English skipped"), std::string::npos) << r.out;
  EXPECT_FALSE(fs::exists(tmp.path() / "out" / "artifacts.jsonl.tmp"));
  // Nothing else is left in the folder: no temporary file, no evidence scratch file.
  std::set<std::string> files;
  for (const auto& e : fs::directory_iterator(tmp.path() / "out")) files.insert(e.path().filename().string());
  EXPECT_EQ(files, (std::set<std::string>{"artifacts.csv", "artifacts.jsonl", "connections.jsonl", "deadletter.jsonl",
                                          "review.html", "threads.jsonl"}));
  // The page's partial errors[] entry is dead-lettered with the page's file and line.
  const std::string dl = ReadFile(tmp.path() / "out" / "deadletter.jsonl");
  const size_t api = dl.find("\"reason\":\"api error: ");
  ASSERT_NE(api, std::string::npos) << dl;
  const size_t line = dl.rfind('\n', api) == std::string::npos ? 0 : dl.rfind('\n', api) + 1;
  EXPECT_NE(dl.substr(line, api - line).find("x_search_pages.jsonl:"), std::string::npos) << dl.substr(line, api - line);
}

// The binary runs on the allocator it was built for (jemalloc unless
// RAPPORT_JEMALLOC=OFF or a sanitizer build), and hands freed pages back
// through that allocator before writing.
TEST(RunTest, UsesTheAllocatorItWasBuiltWithAndReleasesThroughIt) {
  TempDir tmp("run-allocator");
  CliResult r = RunCli("run --log-level debug --input " + kSample + " --out " + (tmp.path() / "out").string(), tmp.path());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::string expected = std::string("memory released allocator=") + RAPPORT_EXPECTED_ALLOCATOR +
                               " by=" + RAPPORT_EXPECTED_ALLOCATOR;
  EXPECT_NE(r.err.find(expected), std::string::npos) << r.err;
}

TEST(RunTest, ArtifactsJsonlMatchesTheSchema) {
  TempDir tmp("run-schema");
  ASSERT_EQ(RunCli("run --input " + kSample + " --out " + tmp.path().string(), tmp.path()).exit_code, 0);
  simdjson::padded_string json = simdjson::padded_string::load((tmp.path() / "artifacts.jsonl").string());
  simdjson::ondemand::parser parser;
  simdjson::ondemand::document_stream stream;
  ASSERT_EQ(parser.iterate_many(json).get(stream), simdjson::SUCCESS);
  size_t lines = 0;
  for (auto doc : stream) {
    simdjson::ondemand::object o;
    ASSERT_EQ(doc.get_object().get(o), simdjson::SUCCESS);
    std::string_view s;
    ASSERT_EQ(o["candidate_id"].get_string().get(s), simdjson::SUCCESS);
    EXPECT_EQ(s.size(), 16u);
    simdjson::ondemand::object person;
    ASSERT_EQ(o["person"].get_object().get(person), simdjson::SUCCESS);
    for (const char* k : {"platform", "id", "username", "name"})
      EXPECT_EQ(person[k].get_string().error(), simdjson::SUCCESS) << k;
    for (const char* k : {"category", "value", "first_seen", "last_seen"})
      EXPECT_EQ(o[k].get_string().error(), simdjson::SUCCESS) << k;
    double score;
    EXPECT_EQ(o["score"].get_double().get(score), simdjson::SUCCESS);
    for (const char* k : {"mentions", "days", "conversations"}) {
      uint64_t n;
      EXPECT_EQ(o[k].get_uint64().get(n), simdjson::SUCCESS) << k;
      EXPECT_GE(n, 1u) << k;
    }
    simdjson::ondemand::array ev;
    ASSERT_EQ(o["evidence"].get_array().get(ev), simdjson::SUCCESS);
    size_t n_ev = 0;
    for (auto e : ev) {
      for (const char* k : {"id", "url", "created_at"}) EXPECT_EQ(e[k].get_string().error(), simdjson::SUCCESS) << k;
      std::string_view text;
      EXPECT_EQ(e["text"].get_string().get(text), simdjson::SUCCESS);
      EXPECT_FALSE(text.empty()) << "the evidence's text, read back from the run's scratch file";
      ++n_ev;
    }
    EXPECT_GE(n_ev, 1u) << "every candidate cites its evidence";
    ++lines;
  }
  EXPECT_GT(lines, 10u);
}

TEST(RunTest, OutputsAreByteIdenticalForAnyThreadCount) {
  TempDir tmp("run-threads");
  for (int t : {1, 2, 4}) {
    std::string out = (tmp.path() / ("t" + std::to_string(t))).string();
    ASSERT_EQ(RunCli("run --input " + kSample + " --threads " + std::to_string(t) + " --out " + out, tmp.path()).exit_code,
              0);
  }
  for (const char* f : {"artifacts.jsonl", "artifacts.csv", "review.html", "deadletter.jsonl"}) {
    std::string one = ReadFile(tmp.path() / "t1" / f);
    EXPECT_FALSE(one.empty()) << f;
    EXPECT_EQ(one, ReadFile(tmp.path() / "t2" / f)) << f;
    EXPECT_EQ(one, ReadFile(tmp.path() / "t4" / f)) << f;
  }
}

TEST(RunTest, BadRecordsGoToTheDeadLetterFileAndTheRunGoesOn) {
  TempDir tmp("run-bad");
  const std::string good =
      R"({"data":[{"id":"101","text":"I adopted a greyhound named Biscuit last spring","author_id":"7",)"
      R"("created_at":"2026-03-01T10:00:00.000Z","lang":"en"}],"includes":{"users":[{"id":"7","username":"kim","name":"Kim"}]}})";
  std::string input = good + "\n";
  input += R"({"data":[{"id":"102","text":"cut off here)" "\n";                            // truncated line
  input += "this line is not JSON at all\n";                                              // non-JSON
  input += "{\"id\":\"103\",\"text\":\"bad \xff\xfe bytes\",\"author_id\":\"7\",\"created_at\":\"2026-03-02T10:00:00.000Z\"}\n";
  input += R"({"text":"I lost my id","author_id":"7","created_at":"2026-03-03T10:00:00.000Z"})" "\n";  // missing id
  input += R"({"id":"104","text":"Biscuit the greyhound loves the beach","author_id":"7","created_at":"2026-03-05T10:00:00.000Z","lang":"en"})" "\n";
  WriteFile(tmp.path() / "in.jsonl", input);
  CliResult r = RunCli("run --input " + (tmp.path() / "in.jsonl").string() + " --out " + (tmp.path() / "out").string(),
                       tmp.path());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("2 posts read, 4 rejected"), std::string::npos) << r.out;
  std::string dl = ReadFile(tmp.path() / "out" / "deadletter.jsonl");
  EXPECT_NE(dl.find("in.jsonl:2\",\"reason\":\"invalid JSON"), std::string::npos) << dl;
  EXPECT_NE(dl.find("in.jsonl:3\",\"reason\":\"invalid JSON"), std::string::npos) << dl;
  EXPECT_NE(dl.find("in.jsonl:4\",\"reason\":\"invalid UTF-8"), std::string::npos) << dl;
  EXPECT_NE(dl.find("in.jsonl:5\",\"reason\":\"missing id\""), std::string::npos) << dl;
  EXPECT_NE(dl.find("raw_base64"), std::string::npos) << "invalid bytes are kept, base64-encoded";
  std::string artifacts = ReadFile(tmp.path() / "out" / "artifacts.jsonl");
  EXPECT_NE(artifacts.find("Biscuit"), std::string::npos) << artifacts;
  EXPECT_NE(artifacts.find("\"id\":\"104\""), std::string::npos);
}

TEST(RunTest, SensitiveFactsAreWithheldUnlessAllowed) {
  TempDir tmp("run-sensitive");
  std::string input;
  const char* texts[] = {"Diabetes check-up went fine again.", "Managing my diabetes with long walks.",
                         "Sunday church then brunch with my sister.", "Church choir practice again tonight.",
                         "My dog Rover loves the park.", "Rover chewed my shoe again!"};
  int day = 1;
  for (const char* t : texts) {
    input += std::string(R"({"id":")") + std::to_string(200 + day) + R"(","text":")" + t +
             R"(","author_id":"7","created_at":"2026-03-0)" + std::to_string(day) + R"(T10:00:00.000Z","lang":"en"})" + "\n";
    ++day;
  }
  WriteFile(tmp.path() / "in.jsonl", input);
  const std::string in = " --input " + (tmp.path() / "in.jsonl").string();
  CliResult r = RunCli("run" + in + " --out " + (tmp.path() / "a").string(), tmp.path());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("sensitive facts withheld: "), std::string::npos) << r.out;
  std::string withheld = ReadFile(tmp.path() / "a" / "artifacts.jsonl");
  EXPECT_NE(withheld.find("Rover"), std::string::npos) << withheld;
  for (const char* word : {"diabetes", "Diabetes", "church", "Church"})
    EXPECT_EQ(withheld.find(std::string("\"value\":\"") + word), std::string::npos) << word << "\n" << withheld;

  r = RunCli("run" + in + " --allow-sensitive health --out " + (tmp.path() / "b").string(), tmp.path());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::string allowed = ReadFile(tmp.path() / "b" / "artifacts.jsonl");
  EXPECT_NE(allowed.find("diabetes"), std::string::npos) << allowed;
  EXPECT_EQ(allowed.find("\"value\":\"church"), std::string::npos) << "religion is still withheld";

  r = RunCli("run" + in + " --allow-sensitive astrology --out " + (tmp.path() / "c").string(), tmp.path());
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("'astrology'"), std::string::npos) << r.err;
}

TEST(RunTest, WrongOptionNamesItselfAndTheFix) {
  TempDir tmp("run-opt");
  CliResult r = RunCli("run --input " + kSample + " --thread 2", tmp.path());
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("--thread"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("did you mean --threads?"), std::string::npos) << r.err;
  r = RunCli("run --input " + kSample + " --top-k 0", tmp.path());
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("--top-k"), std::string::npos) << r.err;
  r = RunCli("frobnicate", tmp.path());
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("unknown command"), std::string::npos) << r.err;
}

TEST(RunTest, MissingInputFailsTheSourceButWritesWhatWasRead) {
  TempDir tmp("run-missing");
  CliResult r = RunCli("run --input " + kSample + " --input /nonexistent/posts.jsonl --out " + tmp.path().string(),
                       tmp.path());
  EXPECT_EQ(r.exit_code, 3) << r.out << r.err;
  EXPECT_NE(r.err.find("/nonexistent/posts.jsonl"), std::string::npos) << r.err;
  EXPECT_FALSE(ReadFile(tmp.path() / "artifacts.jsonl").empty());
}

TEST(RunTest, HelpAndVersion) {
  TempDir tmp("run-help");
  CliResult r = RunCli("--help", tmp.path());
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_NE(r.out.find("Exit codes"), std::string::npos);
  r = RunCli("run --help", tmp.path());
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_NE(r.out.find("--top-k"), std::string::npos);
  r = RunCli("--version", tmp.path());
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_EQ(r.out.rfind("rapport ", 0), 0u);
  // A subcommand's help lists what it reads, not the run's options.
  for (const char* command : {"review", "export", "push", "status"}) {
    r = RunCli(std::string(command) + " --help", tmp.path());
    EXPECT_EQ(r.exit_code, 0) << command;
    EXPECT_NE(r.out.find("--state"), std::string::npos) << command << ": " << r.out;
    EXPECT_EQ(r.out.find("--max-pages"), std::string::npos) << command << ": " << r.out;
  }
}

TEST(RunTest, ConfigFileAndEnvironmentFeedTheRun) {
  TempDir tmp("run-config");
  WriteFile(tmp.path() / "r.ini", "input = " + kSample + "\ntop-k = 2\nout = " + (tmp.path() / "fromfile").string() + "\n");
  CliResult r = RunCli("run --config " + (tmp.path() / "r.ini").string(), tmp.path());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("10 candidates"), std::string::npos) << "5 people x top-k 2: " << r.out;
  r = RunCli("run --config " + (tmp.path() / "r.ini").string() + " --top-k 1", tmp.path());
  EXPECT_NE(r.out.find("5 candidates"), std::string::npos) << "the command line wins: " << r.out;
}

}  // namespace
}  // namespace rapport
