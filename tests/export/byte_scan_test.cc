// The word-at-a-time scans against byte-at-a-time definitions, and the
// escapers built on them against the plain loops they replaced, on random
// strings rich in the bytes that matter (specials, controls, UTF-8 lead and
// continuation bytes), at every length and offset around the 16- and 8-byte
// steps.
#include "pipeline/export/byte_scan.h"

#include <random>
#include <string>

#include <gtest/gtest.h>

#include "pipeline/export/exporters.h"
#include "pipeline/export/json_text.h"

namespace rapport::pipeline {
namespace {

template <typename Plain>
size_t BytewisePrefix(std::string_view s, Plain plain) {
  size_t i = 0;
  while (i < s.size() && plain(static_cast<unsigned char>(s[i]))) ++i;
  return i;
}

std::string RandomText(std::mt19937* rng, size_t n) {
  static constexpr char kRaw[] =
      "abcXYZ 019,;\"'\\&<>=+-@\r\n\t\x01\x1f\x7f\x80\xbf\xc3\xa9\xe2\x80\xa8\xf0\x9f\x90\xb6\xff";
  static const std::string kAlphabet(kRaw, sizeof kRaw - 1);
  std::string s;
  for (size_t i = 0; i < n; ++i) {
    // Mostly plain letters, so that long plain runs occur too.
    s.push_back((*rng)() % 4 ? static_cast<char>('a' + (*rng)() % 26) : kAlphabet[(*rng)() % kAlphabet.size()]);
  }
  return s;
}

TEST(ByteScanTest, PrefixesAgreeWithBytewiseDefinitions) {
  std::mt19937 rng(11);
  for (int round = 0; round < 20000; ++round) {
    const std::string s = RandomText(&rng, rng() % 80);  // several 16-byte steps, then 8-byte ones, then bytes
    for (size_t from = 0; from <= s.size(); from += 1 + rng() % 3) {
      const std::string_view v = std::string_view(s).substr(from);
      EXPECT_EQ(AsciiPrefix(v), BytewisePrefix(v, [](unsigned char c) { return c < 0x80; })) << s;
      EXPECT_EQ(JsonPlainPrefix(v), BytewisePrefix(v, [](unsigned char c) {
                  return c >= 0x20 && c < 0x80 && c != '"' && c != '\\';
                })) << s;
      EXPECT_EQ(HtmlPlainPrefix(v), BytewisePrefix(v, [](unsigned char c) {
                  return c != '&' && c != '<' && c != '>' && c != '"' && c != '\'';
                })) << s;
      EXPECT_EQ(CsvPlainPrefix(v), BytewisePrefix(v, [](unsigned char c) {
                  return c != ',' && c != '"' && c != '\r' && c != '\n';
                })) << s;
    }
  }
}

TEST(ByteScanTest, EveryPositionOfASpecialInALongPlainRunIsFound) {
  for (size_t len : {7u, 8u, 9u, 15u, 16u, 17u, 23u, 24u, 31u, 32u, 33u, 47u, 48u, 64u, 71u}) {
    for (size_t at = 0; at < len; ++at) {
      for (char special : {'"', '\\', '\n', '\x00', '\x80', '&', '<', ',', '\r'}) {
        std::string s(len, 'a');
        s[at] = special;
        const bool json = special == '"' || special == '\\' || special == '\n' || special == '\x00' ||
                          special == '\x80' || special == '\r';
        EXPECT_EQ(JsonPlainPrefix(s), json ? at : len) << len << " " << at << " " << int(special);
        EXPECT_EQ(AsciiPrefix(s), special == '\x80' ? at : len);
        EXPECT_EQ(HtmlPlainPrefix(s), special == '"' || special == '&' || special == '<' ? at : len);
        EXPECT_EQ(CsvPlainPrefix(s), special == '"' || special == '\n' || special == ',' || special == '\r' ? at : len);
      }
    }
  }
}

// The CSV cell as the writer made it before its fast path.
std::string ReferenceCsvCell(std::string_view s) {
  std::string cell;
  if (!s.empty() && (s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@' || s[0] == '\t' || s[0] == '\r'))
    cell.push_back('\'');
  AppendValidUtf8(&cell, s);
  const bool quote = !cell.empty() && (cell.front() == ' ' || cell.back() == ' ' ||
                                       cell.find_first_of(",\"\r\n") != std::string::npos);
  if (!quote) return cell;
  std::string quoted = "\"";
  for (char c : cell) {
    if (c == '"') quoted.push_back('"');
    quoted.push_back(c);
  }
  return quoted + "\"";
}

std::string ReferenceHtml(std::string_view s) {
  std::string valid;
  AppendValidUtf8(&valid, s);
  std::string out;
  for (char c : valid) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out.push_back(c);
    }
  }
  return out;
}

// AppendJsonString as it was: byte by byte, each sequence appended alone.
std::string ReferenceJson(std::string_view s) {
  std::string fixed;
  AppendValidUtf8(&fixed, s);
  std::string out = "\"";
  static constexpr char kHex[] = "0123456789abcdef";
  for (size_t i = 0; i < fixed.size(); ++i) {
    const auto c = static_cast<unsigned char>(fixed[i]);
    if (c == 0xE2 && i + 2 < fixed.size() && static_cast<unsigned char>(fixed[i + 1]) == 0x80 &&
        (static_cast<unsigned char>(fixed[i + 2]) == 0xA8 || static_cast<unsigned char>(fixed[i + 2]) == 0xA9)) {
      out += static_cast<unsigned char>(fixed[i + 2]) == 0xA8 ? "\\u2028" : "\\u2029";
      i += 2;
    } else if (c == '"') {
      out += "\\\"";
    } else if (c == '\\') {
      out += "\\\\";
    } else if (c == '\b') {
      out += "\\b";
    } else if (c == '\f') {
      out += "\\f";
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\r') {
      out += "\\r";
    } else if (c == '\t') {
      out += "\\t";
    } else if (c < 0x20) {
      out += "\\u00";
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 0xF]);
    } else {
      out.push_back(static_cast<char>(c));
    }
  }
  return out + "\"";
}

bool ReferenceValidUtf8(std::string_view s) {
  std::string fixed;
  AppendValidUtf8(&fixed, s);  // checked against its own tests in json_text_test
  return fixed == s;
}

TEST(ByteScanTest, EscapersAgreeWithPlainLoops) {
  std::mt19937 rng(5);
  for (int round = 0; round < 20000; ++round) {
    const std::string s = RandomText(&rng, rng() % 48);
    EXPECT_EQ(CsvCell(s), ReferenceCsvCell(s)) << s;
    std::string appended = "x";
    AppendCsvCell(&appended, s);
    EXPECT_EQ(appended, "x" + ReferenceCsvCell(s));
    std::string html;
    AppendHtmlEscaped(&html, s);
    EXPECT_EQ(html, ReferenceHtml(s)) << s;
    EXPECT_EQ(IsValidUtf8(s), ReferenceValidUtf8(s)) << s;
    std::string json = "x";
    AppendJsonString(&json, s);
    EXPECT_EQ(json, "x" + ReferenceJson(s)) << s;
  }
}

}  // namespace
}  // namespace rapport::pipeline
