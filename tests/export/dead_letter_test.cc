#include "pipeline/export/dead_letter.h"

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "pipeline/export/json_text.h"
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

// Returns false on characters outside the standard alphabet or bad padding.
bool DecodeBase64(const std::string& in, std::string* out) {
  static const std::string kAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  if (in.size() % 4 != 0) return false;
  for (size_t i = 0; i < in.size(); i += 4) {
    uint32_t v = 0;
    int pad = 0;
    for (int j = 0; j < 4; ++j) {
      const char c = in[i + j];
      if (c == '=') {
        if (i + 4 != in.size() || j < 2) return false;
        ++pad;
        v <<= 6;
        continue;
      }
      if (pad > 0) return false;
      const size_t k = kAlphabet.find(c);
      if (k == std::string::npos) return false;
      v = (v << 6) | static_cast<uint32_t>(k);
    }
    out->push_back(static_cast<char>(v >> 16));
    if (pad < 2) out->push_back(static_cast<char>((v >> 8) & 0xFF));
    if (pad < 1) out->push_back(static_cast<char>(v & 0xFF));
  }
  return true;
}

// Extracts the string value of "key":"..." (no escapes expected inside).
std::string Field(const std::string& line, const std::string& key) {
  const std::string open = "\"" + key + "\":\"";
  const size_t b = line.find(open);
  if (b == std::string::npos) return "<missing>";
  const size_t e = line.find('"', b + open.size());
  return line.substr(b + open.size(), e - b - open.size());
}

class DeadLetterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("rapport_dead_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  fs::path dir_;
};

TEST_F(DeadLetterTest, WritesValidUtf8RawAsJsonString) {
  const fs::path path = dir_ / "deadletter.jsonl";
  DeadLetterWriter w(path.string());
  ASSERT_TRUE(w.Open().ok());
  ASSERT_TRUE(w.Write("data/in.jsonl:7", "invalid JSON: TAPE_ERROR", "{\"id\": 1,\n\"t\":\"caf\xC3\xA9\"").ok());
  ASSERT_TRUE(w.Write("data/in.jsonl:8", "missing \"id\"", "").ok());
  EXPECT_EQ(w.count(), 2u);
  ASSERT_TRUE(w.Commit().ok());
  EXPECT_EQ(ReadFile(path),
            "{\"origin\":\"data/in.jsonl:7\",\"reason\":\"invalid JSON: TAPE_ERROR\","
            "\"raw\":\"{\\\"id\\\": 1,\\n\\\"t\\\":\\\"caf\xC3\xA9\\\"\"}\n"
            "{\"origin\":\"data/in.jsonl:8\",\"reason\":\"missing \\\"id\\\"\",\"raw\":\"\"}\n");
  EXPECT_FALSE(fs::exists(dir_ / "deadletter.jsonl.tmp"));
}

TEST_F(DeadLetterTest, InvalidUtf8GoesToBase64) {
  const fs::path path = dir_ / "dl.jsonl";
  DeadLetterWriter w(path.string());
  ASSERT_TRUE(w.Open().ok());
  std::string all_bytes;
  for (int i = 0; i < 256; ++i) all_bytes.push_back(static_cast<char>(i));
  const std::vector<std::string> raws = {"\xFF", "\xFF\xFE", "\xFF\xFE\xFD", "ok\xED\xA0\x80", all_bytes};
  for (const std::string& raw : raws) ASSERT_TRUE(w.Write("f:1", "bad bytes", raw).ok());
  ASSERT_TRUE(w.Commit().ok());
  const std::string content = ReadFile(path);
  EXPECT_TRUE(IsValidUtf8(content));
  const std::vector<std::string> lines = Lines(content);
  ASSERT_EQ(lines.size(), raws.size());
  EXPECT_EQ(lines[0], R"({"origin":"f:1","reason":"bad bytes","raw_base64":"/w=="})");
  EXPECT_EQ(Field(lines[1], "raw_base64"), "//4=");
  EXPECT_EQ(Field(lines[2], "raw_base64"), "//79");
  for (size_t i = 0; i < raws.size(); ++i) {
    EXPECT_EQ(Field(lines[i], "raw"), "<missing>");
    std::string decoded;
    ASSERT_TRUE(DecodeBase64(Field(lines[i], "raw_base64"), &decoded)) << lines[i];
    EXPECT_EQ(decoded, raws[i]);
    EXPECT_EQ(lines[i].find("raw_truncated"), std::string::npos);
  }
}

TEST_F(DeadLetterTest, TruncatesLongRecords) {
  const fs::path path = dir_ / "dl.jsonl";
  DeadLetterWriter w(path.string(), 4);
  ASSERT_TRUE(w.Open().ok());
  ASSERT_TRUE(w.Write("o", "r", "abcd").ok());        // exactly the limit: kept whole
  ASSERT_TRUE(w.Write("o", "r", "abcdef").ok());
  ASSERT_TRUE(w.Write("o", "r", "abc\xC3\xA9").ok());  // would cut inside "é": backs off
  ASSERT_TRUE(w.Write("o", "r", "\xFF\xFE\xFD\xFC\xFB").ok());
  ASSERT_TRUE(w.Commit().ok());
  const std::vector<std::string> lines = Lines(ReadFile(path));
  ASSERT_EQ(lines.size(), 4u);
  EXPECT_EQ(lines[0], R"({"origin":"o","reason":"r","raw":"abcd"})");
  EXPECT_EQ(lines[1], R"({"origin":"o","reason":"r","raw":"abcd","raw_truncated":true})");
  EXPECT_EQ(lines[2], R"({"origin":"o","reason":"r","raw":"abc","raw_truncated":true})");
  std::string decoded;
  ASSERT_TRUE(DecodeBase64(Field(lines[3], "raw_base64"), &decoded));
  EXPECT_EQ(decoded, "\xFF\xFE\xFD\xFC");
  EXPECT_NE(lines[3].find(",\"raw_truncated\":true}"), std::string::npos);
}

TEST_F(DeadLetterTest, EscapesOriginAndReason) {
  const fs::path path = dir_ / "dl.jsonl";
  DeadLetterWriter w(path.string());
  ASSERT_TRUE(w.Open().ok());
  ASSERT_TRUE(w.Write("we\"ird\n:1", "bad\xFF", "x").ok());
  ASSERT_TRUE(w.Commit().ok());
  EXPECT_EQ(ReadFile(path), "{\"origin\":\"we\\\"ird\\n:1\",\"reason\":\"bad\xEF\xBF\xBD\",\"raw\":\"x\"}\n");
}

TEST_F(DeadLetterTest, NothingLeftWithoutCommit) {
  const fs::path path = dir_ / "dl.jsonl";
  {
    DeadLetterWriter w(path.string());
    ASSERT_TRUE(w.Open().ok());
    ASSERT_TRUE(w.Write("o", "r", "x").ok());
    EXPECT_TRUE(fs::exists(dir_ / "dl.jsonl.tmp"));
  }
  EXPECT_FALSE(fs::exists(path));
  EXPECT_FALSE(fs::exists(dir_ / "dl.jsonl.tmp"));
}

TEST_F(DeadLetterTest, WriteBeforeOpenFails) {
  DeadLetterWriter w((dir_ / "dl.jsonl").string());
  EXPECT_FALSE(w.Write("o", "r", "x").ok());
  EXPECT_EQ(w.count(), 0u);
}

}  // namespace
}  // namespace rapport::pipeline
