#include "pipeline/export/json_text.h"

#include <string>
#include <string_view>

#include <gtest/gtest.h>

namespace rapport::pipeline {
namespace {

std::string Json(std::string_view s) {
  std::string out;
  AppendJsonString(&out, s);
  return out;
}

constexpr std::string_view kFffd = "\xEF\xBF\xBD";

TEST(JsonTextTest, PlainAsciiIsQuoted) {
  EXPECT_EQ(Json(""), "\"\"");
  EXPECT_EQ(Json("hello, world/ok"), "\"hello, world/ok\"");
}

TEST(JsonTextTest, AppendsWithoutClearing) {
  std::string out = "x:";
  AppendJsonString(&out, "y");
  EXPECT_EQ(out, "x:\"y\"");
}

TEST(JsonTextTest, EscapesQuotesAndBackslash) {
  EXPECT_EQ(Json("a\"b\\c"), R"("a\"b\\c")");
}

TEST(JsonTextTest, EscapesControlCharacters) {
  EXPECT_EQ(Json("\n\r\t\b\f"), R"("\n\r\t\b\f")");
  EXPECT_EQ(Json("\x01\x1f"), R"("\u0001\u001f")");
  EXPECT_EQ(Json(std::string_view("a\0b", 3)), R"("a\u0000b")");
  EXPECT_EQ(Json("\x7f"), "\"\x7f\"");  // DEL is allowed in JSON strings
}

TEST(JsonTextTest, EscapesLineAndParagraphSeparators) {
  EXPECT_EQ(Json("a\xE2\x80\xA8" "b\xE2\x80\xA9"), R"("a\u2028b\u2029")");
  EXPECT_EQ(Json("\xE2\x80\xA7"), "\"\xE2\x80\xA7\"");  // U+2027 is left alone
}

TEST(JsonTextTest, KeepsValidMultibyteCharacters) {
  const std::string s = "caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80 \xF4\x8F\xBF\xBF";  // é € 😀 U+10FFFF
  EXPECT_EQ(Json(s), "\"" + s + "\"");
}

TEST(JsonTextTest, ReplacesInvalidBytes) {
  const std::string r(kFffd);
  EXPECT_EQ(Json("a\xFF" "b"), "\"a" + r + "b\"");
  EXPECT_EQ(Json("\x80"), "\"" + r + "\"");      // lone continuation byte
  EXPECT_EQ(Json("\xC3"), "\"" + r + "\"");      // truncated at end
  EXPECT_EQ(Json("\xC3x"), "\"" + r + "x\"");    // truncated before ASCII
  EXPECT_EQ(Json("\xF0\x9F\x98"), "\"" + r + "\"");  // one U+FFFD per maximal subpart
  EXPECT_EQ(Json("\xF0\x9F\x98\"") , "\"" + r + "\\\"\"");
}

TEST(JsonTextTest, ReplacesOverlongEncodings) {
  const std::string r(kFffd);
  EXPECT_EQ(Json("\xC0\xAF"), "\"" + r + r + "\"");              // overlong '/'
  EXPECT_EQ(Json("\xC1\xBF"), "\"" + r + r + "\"");
  EXPECT_EQ(Json("\xE0\x80\xAF"), "\"" + r + r + r + "\"");      // 3-byte overlong
  EXPECT_EQ(Json("\xF0\x80\x80\xAF"), "\"" + r + r + r + r + "\"");  // 4-byte overlong
}

TEST(JsonTextTest, ReplacesEncodedSurrogatesAndTooLargeCodePoints) {
  const std::string r(kFffd);
  EXPECT_EQ(Json("\xED\xA0\x80"), "\"" + r + r + r + "\"");  // U+D800
  EXPECT_EQ(Json("\xED\xBF\xBF"), "\"" + r + r + r + "\"");  // U+DFFF
  EXPECT_EQ(Json("\xED\x9F\xBF"), "\"\xED\x9F\xBF\"");       // U+D7FF is fine
  EXPECT_EQ(Json("\xF4\x90\x80\x80"), "\"" + r + r + r + r + "\"");  // U+110000
  EXPECT_EQ(Json("\xF5\x80\x80\x80"), "\"" + r + r + r + r + "\"");
}

TEST(JsonTextTest, IsValidUtf8) {
  EXPECT_TRUE(IsValidUtf8(""));
  EXPECT_TRUE(IsValidUtf8("plain"));
  EXPECT_TRUE(IsValidUtf8("\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80"));
  EXPECT_FALSE(IsValidUtf8("\xC0\xAF"));
  EXPECT_FALSE(IsValidUtf8("\xE0\x80\xAF"));
  EXPECT_FALSE(IsValidUtf8("\xED\xA0\x80"));
  EXPECT_FALSE(IsValidUtf8("\xF4\x90\x80\x80"));
  EXPECT_FALSE(IsValidUtf8("ok\xF0\x9F\x98"));
  EXPECT_FALSE(IsValidUtf8("\xFF"));
}

TEST(JsonTextTest, AppendValidUtf8ReplacesOnlyBadParts) {
  std::string out = ">";
  AppendValidUtf8(&out, "a\xC3\xA9\xFF" "b\xED\xA0\x80");
  EXPECT_EQ(out, ">a\xC3\xA9" + std::string(kFffd) + "b" + std::string(kFffd) + std::string(kFffd) +
                     std::string(kFffd));
  EXPECT_TRUE(IsValidUtf8(out));
}

TEST(JsonTextTest, OutputIsAlwaysValidUtf8) {
  std::string all;
  for (int i = 0; i < 256; ++i) {
    for (int j = 0; j < 256; j += 7) {
      all.push_back(static_cast<char>(i));
      all.push_back(static_cast<char>(j));
    }
  }
  const std::string out = Json(all);
  EXPECT_TRUE(IsValidUtf8(out));
  for (unsigned char c : out) EXPECT_GE(c, 0x20);
}

}  // namespace
}  // namespace rapport::pipeline
