#include "nlp/normalizer.h"

#include <gtest/gtest.h>

#include <string>
#include <string_view>

namespace rapport::nlp {
namespace {

std::string Decode(std::string_view in) {
  std::string out;
  DecodeHtmlEntities(in, &out);
  return out;
}

std::string Fold(std::string_view in) {
  std::string out;
  NormalizeCasefold(in, &out);
  return out;
}

std::string Squash(std::string_view in) {
  std::string out;
  SquashElongations(in, &out);
  return out;
}

TEST(NormalizerTest, DecodesNamedEntities) {
  EXPECT_EQ(Decode("Tom &amp; Jerry"), "Tom & Jerry");
  EXPECT_EQ(Decode("&lt;3 &gt;_&lt;"), "<3 >_<");
  EXPECT_EQ(Decode("&quot;hi&quot; &apos;x&apos;"), "\"hi\" 'x'");
  EXPECT_EQ(Decode("a&nbsp;b"), "a\u00A0b");
  EXPECT_EQ(Decode("wait&hellip; &mdash; caf&eacute; &Eacute;"), "wait\u2026 \u2014 caf\u00E9 \u00C9");
  EXPECT_EQ(Decode("&rsquo;&ldquo;&rdquo;"), "\u2019\u201C\u201D");
}

TEST(NormalizerTest, DecodesNumericEntities) {
  EXPECT_EQ(Decode("it&#39;s"), "it's");
  EXPECT_EQ(Decode("caf&#233;"), "caf\u00E9");
  EXPECT_EQ(Decode("&#x1F600;"), "\U0001F600");
  EXPECT_EQ(Decode("&#X1f600;"), "\U0001F600");
  EXPECT_EQ(Decode("&#00039;"), "'");
  // HTML5 maps 0x80..0x9F through Windows-1252.
  EXPECT_EQ(Decode("don&#146;t"), "don\u2019t");
}

TEST(NormalizerTest, KeepsUnknownAndMalformedEntities) {
  EXPECT_EQ(Decode("AT&T"), "AT&T");
  EXPECT_EQ(Decode("&bogus;"), "&bogus;");
  EXPECT_EQ(Decode("&amp"), "&amp");              // no semicolon
  EXPECT_EQ(Decode("&#;"), "&#;");                // no digits
  EXPECT_EQ(Decode("&#xZZ;"), "&#xZZ;");
  EXPECT_EQ(Decode("&#0;"), "&#0;");              // not a character
  EXPECT_EQ(Decode("&#xD800;"), "&#xD800;");      // surrogate
  EXPECT_EQ(Decode("&#x110000;"), "&#x110000;");  // beyond Unicode
  EXPECT_EQ(Decode("&#99999999999999999999;"), "&#99999999999999999999;");
  EXPECT_EQ(Decode("&AMP;"), "&AMP;");  // names are case-sensitive
  EXPECT_EQ(Decode("&"), "&");
  EXPECT_EQ(Decode("&&amp;&"), "&&&");
  EXPECT_EQ(Decode(""), "");
}

TEST(NormalizerTest, DecodesOnlyOnce) { EXPECT_EQ(Decode("&amp;lt;"), "&lt;"); }

TEST(NormalizerTest, DecodeAppends) {
  std::string out = "x:";
  DecodeHtmlEntities("&lt;", &out);
  EXPECT_EQ(out, "x:<");
}

TEST(NormalizerTest, AsciiFastPathLowercases) {
  EXPECT_EQ(Fold("Hello WORLD 123 !?"), "hello world 123 !?");
  EXPECT_EQ(Fold(""), "");
  std::string out = "Keep:";
  NormalizeCasefold("ABC", &out);
  EXPECT_EQ(out, "Keep:abc");
}

TEST(NormalizerTest, NfkcFoldsCompatibilityForms) {
  EXPECT_EQ(Fold("\uFF26\uFF55\uFF4C\uFF4C"), "full");  // fullwidth "Ｆｕｌｌ"
  EXPECT_EQ(Fold("\uFB01ne"), "fine");                  // ligature "ﬁ"
  EXPECT_EQ(Fold("x\u00B2"), "x2");                      // superscript two
  EXPECT_EQ(Fold("\u2460"), "1");                        // circled digit one
  EXPECT_EQ(Fold("\u2026"), "...");                      // ellipsis
}

TEST(NormalizerTest, CaseFoldsBeyondAscii) {
  EXPECT_EQ(Fold("Stra\u00DFe"), "strasse");         // ß -> ss (full folding)
  EXPECT_EQ(Fold("\u00C9COLE"), "\u00E9cole");       // É
  EXPECT_EQ(Fold("\u039F\u0394\u03A5\u03A3\u03A3\u0395\u03A5\u03A3"),
            "\u03BF\u03B4\u03C5\u03C3\u03C3\u03B5\u03C5\u03C3");  // ΟΔΥΣΣΕΥΣ: final sigma folds to σ
  // Turkish dotted capital I: full case folding gives "i" + COMBINING DOT ABOVE,
  // which has no precomposed form, so NFKC keeps both.
  EXPECT_EQ(Fold("\u0130stanbul"), "i\u0307stanbul");
  EXPECT_EQ(Fold("\u0131"), "\u0131");  // dotless i is already lower case
}

TEST(NormalizerTest, ComposesCombiningSequences) {
  EXPECT_EQ(Fold("Cafe\u0301"), "caf\u00E9");
  EXPECT_EQ(Fold("\u1100\u1161"), "\uAC00");  // Hangul jamo compose to a syllable
}

TEST(NormalizerTest, KeepsEmojiSequencesIntact) {
  const std::string family = "\U0001F468\u200D\U0001F469\u200D\U0001F467";
  EXPECT_EQ(Fold(family), family);  // ZWJ kept
  EXPECT_EQ(Fold("\u2764\uFE0F"), "\u2764\uFE0F");
  EXPECT_EQ(Fold("\U0001F44D\U0001F3FD"), "\U0001F44D\U0001F3FD");
}

TEST(NormalizerTest, InvalidUtf8BecomesReplacementChar) {
  EXPECT_EQ(Fold("A\xFF" "B"), "a\uFFFD" "b");
  EXPECT_EQ(Fold("\xC3"), "\uFFFD");               // truncated sequence
  EXPECT_EQ(Fold("\xE2\x82" "x"), "\uFFFD" "x");   // maximal subpart -> one U+FFFD
  EXPECT_EQ(Fold("\xC0\xAF"), "\uFFFD\uFFFD");     // overlong
  EXPECT_EQ(Fold("\xED\xA0\x80"), "\uFFFD\uFFFD\uFFFD");  // encoded surrogate
  EXPECT_EQ(Fold("\xC3\x89\xFF"), "\u00E9\uFFFD");
}

TEST(NormalizerTest, SquashesElongations) {
  EXPECT_EQ(Squash("sooooo"), "soo");
  EXPECT_EQ(Squash("yesss"), "yess");
  EXPECT_EQ(Squash("soo"), "soo");
  EXPECT_EQ(Squash("book"), "book");
  EXPECT_EQ(Squash("loooool"), "lool");
  EXPECT_EQ(Squash("!!!!!"), "!!!!!");  // letters only
  EXPECT_EQ(Squash("1000000"), "1000000");
  EXPECT_EQ(Squash("aaAAaa"), "aaAAaa");  // case-sensitive: no run of 3
  EXPECT_EQ(Squash("\u00E9\u00E9\u00E9"), "\u00E9\u00E9\u00E9");  // ASCII letters only
  EXPECT_EQ(Squash(""), "");
  std::string out = "xx";
  SquashElongations("xxx", &out);
  EXPECT_EQ(out, "xxxx");  // runs are counted within `in` only
}

TEST(NormalizerTest, ValidatesUtf8) {
  EXPECT_TRUE(IsValidUtf8(""));
  EXPECT_TRUE(IsValidUtf8("plain ascii text that is longer than eight bytes"));
  EXPECT_TRUE(IsValidUtf8("caf\u00E9 \U0001F600 \u6771\u4EAC"));
  EXPECT_TRUE(IsValidUtf8("\xF4\x8F\xBF\xBF"));  // U+10FFFF
  EXPECT_FALSE(IsValidUtf8("\xF4\x90\x80\x80"));  // > U+10FFFF
  EXPECT_FALSE(IsValidUtf8("abcdefgh\xFF"));
  EXPECT_FALSE(IsValidUtf8("\x80"));
  EXPECT_FALSE(IsValidUtf8("\xC3"));
  EXPECT_FALSE(IsValidUtf8("\xE0\x80\x80"));  // overlong
  EXPECT_FALSE(IsValidUtf8("\xED\xBF\xBF"));  // surrogate
  EXPECT_TRUE(IsValidUtf8(std::string_view("a\0b", 3)));
}

}  // namespace
}  // namespace rapport::nlp
