#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "pipeline/export/exporters.h"
#include "tests/test_files.h"

namespace rapport::pipeline {
namespace {

namespace fs = std::filesystem;

using testing::ReadFile;

std::vector<std::string> Lines(const std::string& s) {
  std::vector<std::string> lines;
  std::istringstream in(s);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

Artifact Rover() {
  Artifact a;
  a.candidate_id = "c1f0a6d29e03b7a4";
  a.person = {"x", "1093321775", "dana_rios", "Dana \"DR\" Rios"};
  a.category = "pet";
  a.value = "dog: Rover";
  a.key = "pet|dog rover";
  a.score = 3.2;
  a.mentions = 4;
  a.days = 3;
  a.conversations = 3;
  a.interlocutors = 2;
  a.first_seen = "2023-06-01T17:37:00Z";
  a.last_seen = "2023-07-02T08:00:00Z";
  a.evidence.push_back({"111", "https://x.com/dana_rios/status/111", "2023-06-01T17:37:00Z",
                        "Walked Rover\nin the rain \xE2\x80\xA8 \xF0\x9F\x90\xB6", "dana_rios"});
  a.evidence.push_back({"222", "https://x.com/sam/status/222", "2023-07-02T08:00:00Z", "Say hi to Rover!", "sam"});
  return a;
}

class JsonlExporterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("rapport_jsonl_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  fs::path dir_;
};

TEST_F(JsonlExporterTest, WritesExactFieldOrderAndFormat) {
  const fs::path path = dir_ / "out" / "artifacts.jsonl";
  ASSERT_TRUE(WriteArtifactsJsonl({Rover()}, path.string()).ok());
  const std::string expected =
      R"({"candidate_id":"c1f0a6d29e03b7a4","person":{"platform":"x","id":"1093321775","username":"dana_rios",)"
      R"("name":"Dana \"DR\" Rios"},"category":"pet","value":"dog: Rover","key":"pet|dog rover",)"
      R"("polarity":"positive","said_by":"self","review":"new","score":3.2000,"mentions":4,"days":3,"conversations":3,)"
      R"("interlocutors":2,"first_seen":"2023-06-01T17:37:00Z","last_seen":"2023-07-02T08:00:00Z",)"
      R"("evidence":[{"id":"111","url":"https://x.com/dana_rios/status/111","created_at":"2023-06-01T17:37:00Z",)"
      R"("author":"dana_rios","text":"Walked Rover\nin the rain \u2028 )" "\xF0\x9F\x90\xB6" R"("},)"
      R"({"id":"222","url":"https://x.com/sam/status/222","created_at":"2023-07-02T08:00:00Z",)"
      R"("author":"sam","text":"Say hi to Rover!"}]})"
      "\n";
  EXPECT_EQ(ReadFile(path), expected);
  EXPECT_FALSE(fs::exists(dir_ / "out" / "artifacts.jsonl.tmp"));
}

TEST_F(JsonlExporterTest, OneLinePerArtifactInGivenOrder) {
  std::vector<Artifact> artifacts;
  for (int i = 0; i < 3; ++i) {
    Artifact a = Rover();
    a.candidate_id = "id" + std::to_string(i);
    a.value = "line1\r\nline2";  // embedded newlines never break the line
    a.score = 1.0 / (i + 3);
    a.evidence.clear();
    artifacts.push_back(a);
  }
  const fs::path path = dir_ / "artifacts.jsonl";
  ASSERT_TRUE(WriteArtifactsJsonl(artifacts, path.string()).ok());
  const std::vector<std::string> lines = Lines(ReadFile(path));
  ASSERT_EQ(lines.size(), 3u);
  const char* scores[] = {"\"score\":0.3333,", "\"score\":0.2500,", "\"score\":0.2000,"};
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(lines[i].rfind("{\"candidate_id\":\"id" + std::to_string(i) + "\",", 0), 0u) << lines[i];
    EXPECT_NE(lines[i].find(scores[i]), std::string::npos) << lines[i];
    EXPECT_NE(lines[i].find(R"("value":"line1\r\nline2")"), std::string::npos);
    EXPECT_NE(lines[i].find(R"("evidence":[]})"), std::string::npos);
  }
}

TEST_F(JsonlExporterTest, ScoreRoundsToFourDecimals) {
  Artifact a = Rover();
  a.evidence.clear();
  a.score = 1.23456;
  const fs::path path = dir_ / "a.jsonl";
  ASSERT_TRUE(WriteArtifactsJsonl({a}, path.string()).ok());
  EXPECT_NE(ReadFile(path).find("\"score\":1.2346,"), std::string::npos);
}

TEST_F(JsonlExporterTest, EmptyInputWritesEmptyFile) {
  const fs::path path = dir_ / "a.jsonl";
  ASSERT_TRUE(WriteArtifactsJsonl({}, path.string()).ok());
  EXPECT_TRUE(fs::exists(path));
  EXPECT_EQ(ReadFile(path), "");
}

TEST_F(JsonlExporterTest, OutputIsByteStable) {
  std::vector<Artifact> artifacts(50, Rover());
  ASSERT_TRUE(WriteArtifactsJsonl(artifacts, (dir_ / "1.jsonl").string()).ok());
  ASSERT_TRUE(WriteArtifactsJsonl(artifacts, (dir_ / "2.jsonl").string()).ok());
  EXPECT_EQ(ReadFile(dir_ / "1.jsonl"), ReadFile(dir_ / "2.jsonl"));
}

TEST_F(JsonlExporterTest, ErrorNamesPath) {
  fs::create_directories(dir_);
  { std::ofstream(dir_ / "file") << "x"; }
  const fs::path path = dir_ / "file" / "a.jsonl";
  Status s = WriteArtifactsJsonl({Rover()}, path.string());
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.code(), Status::Code::kIoError);
  EXPECT_NE(s.message().find(path.string()), std::string::npos) << s.message();
}

}  // namespace
}  // namespace rapport::pipeline
