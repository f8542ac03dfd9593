#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "pipeline/export/exporters.h"
#include "tests/export/csv_reader.h"
#include "tests/test_files.h"

namespace rapport::pipeline {
namespace {

namespace fs = std::filesystem;

using testing::ReadFile;

using ::rapport::test::ParseCsv;

std::string Neutralised(const std::string& s) {
  if (!s.empty() && std::string_view("=+-@\t\r").find(s[0]) != std::string_view::npos) return "'" + s;
  return s;
}

const std::vector<std::string> kHeader = {
    "candidate_id", "platform",  "person_id",     "username",   "name",      "category",
    "value",        "polarity",  "said_by",       "score",      "mentions",  "days",
    "conversations", "first_seen", "last_seen", "evidence_ids", "evidence_text"};

class CsvExporterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("rapport_csv_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  fs::path dir_;
};

TEST(CsvCellTest, QuotesAndNeutralises) {
  EXPECT_EQ(CsvCell(""), "");
  EXPECT_EQ(CsvCell("plain"), "plain");
  EXPECT_EQ(CsvCell("a,b"), "\"a,b\"");
  EXPECT_EQ(CsvCell("say \"hi\""), "\"say \"\"hi\"\"\"");
  EXPECT_EQ(CsvCell("a\nb"), "\"a\nb\"");
  EXPECT_EQ(CsvCell("a\r\nb"), "\"a\r\nb\"");
  EXPECT_EQ(CsvCell(" pad"), "\" pad\"");
  EXPECT_EQ(CsvCell("pad "), "\"pad \"");
  EXPECT_EQ(CsvCell("=1+2"), "'=1+2");
  EXPECT_EQ(CsvCell("+1"), "'+1");
  EXPECT_EQ(CsvCell("-2"), "'-2");
  EXPECT_EQ(CsvCell("@cmd"), "'@cmd");
  EXPECT_EQ(CsvCell("\tTAB"), "'\tTAB");
  EXPECT_EQ(CsvCell("\r\n"), "\"'\r\n\"");
  EXPECT_EQ(CsvCell("=HYPERLINK(\"http://x\")"), "\"'=HYPERLINK(\"\"http://x\"\")\"");
  EXPECT_EQ(CsvCell("a=1"), "a=1");  // only the first character matters
  EXPECT_EQ(CsvCell(" =1"), "\" =1\"");  // documented: not neutralised after whitespace
  EXPECT_EQ(CsvCell("bad\xFFutf8"), "bad\xEF\xBF\xBDutf8");
}

TEST_F(CsvExporterTest, HeaderOnlyForNoArtifacts) {
  const fs::path path = dir_ / "a.csv";
  ASSERT_TRUE(WriteArtifactsCsv({}, path.string()).ok());
  std::vector<std::vector<std::string>> rows;
  const std::string csv = ReadFile(path);
  ASSERT_TRUE(ParseCsv(csv, &rows)) << csv;
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0], kHeader);
}

TEST_F(CsvExporterTest, RoundTripsHostileCells) {
  const std::vector<std::string> hostile = {
      "=HYPERLINK(\"http://x\")", "@cmd",          "+1",       "-2",
      "\tTAB",                    "\rCR first",    "say \"hi\"", "a,b,c",
      "line1\r\nline2",           "line1\nline2",  " padded ", "caf\xC3\xA9 \xF0\x9F\x90\xB6 \xE6\x97\xA5",
      "",                         "plain",         "'already", "=1,\"2\"\n3"};
  std::vector<Artifact> artifacts;
  for (size_t i = 0; i < hostile.size(); ++i) {
    Artifact a;
    a.candidate_id = "c" + std::to_string(i);
    a.person = {"x", std::to_string(100 + i), hostile[i], hostile[i]};
    a.category = "topic";
    a.value = hostile[i];
    a.key = "k";
    a.score = 2.5;
    a.mentions = 2;
    a.days = 1;
    a.conversations = 1;
    a.first_seen = "2023-06-01T17:37:00Z";
    a.last_seen = "2023-06-02T17:37:00Z";
    a.evidence.push_back({"e1", "https://x.com/a/status/1", "2023-06-01T17:37:00Z", hostile[i], ""});
    a.evidence.push_back({"-e2", "", "", "second", ""});
    artifacts.push_back(a);
  }
  const fs::path path = dir_ / "sub" / "artifacts.csv";
  ASSERT_TRUE(WriteArtifactsCsv(artifacts, path.string()).ok());
  const std::string csv = ReadFile(path);
  std::vector<std::vector<std::string>> rows;
  ASSERT_TRUE(ParseCsv(csv, &rows)) << csv;
  ASSERT_EQ(rows.size(), hostile.size() + 1);
  EXPECT_EQ(rows[0], kHeader);
  for (size_t i = 0; i < hostile.size(); ++i) {
    const std::vector<std::string>& r = rows[i + 1];
    ASSERT_EQ(r.size(), kHeader.size()) << i;
    const std::string want = Neutralised(hostile[i]);
    EXPECT_EQ(r[0], "c" + std::to_string(i));
    EXPECT_EQ(r[1], "x");
    EXPECT_EQ(r[3], want) << i;
    EXPECT_EQ(r[4], want) << i;
    EXPECT_EQ(r[5], "topic");
    EXPECT_EQ(r[6], want) << i;
    EXPECT_EQ(r[7], "positive");
    EXPECT_EQ(r[8], "self");
    EXPECT_EQ(r[9], "2.5000");
    EXPECT_EQ(r[10], "2");
    EXPECT_EQ(r[11], "1");
    EXPECT_EQ(r[12], "1");
    EXPECT_EQ(r[13], "2023-06-01T17:37:00Z");
    EXPECT_EQ(r[14], "2023-06-02T17:37:00Z");
    EXPECT_EQ(r[15], "e1;-e2");
    EXPECT_EQ(r[16], want) << i;
  }
}

TEST_F(CsvExporterTest, EveryRecordEndsInCrlf) {
  Artifact a;
  a.value = "x";
  const fs::path path = dir_ / "a.csv";
  ASSERT_TRUE(WriteArtifactsCsv({a, a}, path.string()).ok());
  const std::string csv = ReadFile(path);
  ASSERT_GE(csv.size(), 2u);
  EXPECT_EQ(csv.substr(csv.size() - 2), "\r\n");
  for (size_t i = 0; i < csv.size(); ++i) {
    if (csv[i] == '\n') {
      EXPECT_EQ(csv[i - 1], '\r') << i;  // no quoted LF in this input
    }
  }
  std::vector<std::vector<std::string>> rows;
  ASSERT_TRUE(ParseCsv(csv, &rows));
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[1][16], "");  // no evidence
  EXPECT_EQ(rows[1][9], "0.0000");
}

TEST_F(CsvExporterTest, ErrorNamesPath) {
  fs::create_directories(dir_);
  { std::ofstream(dir_ / "file") << "x"; }
  const fs::path path = dir_ / "file" / "a.csv";
  Status s = WriteArtifactsCsv({}, path.string());
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find(path.string()), std::string::npos) << s.message();
}

}  // namespace
}  // namespace rapport::pipeline
