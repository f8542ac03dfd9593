#include "nlp/stemmer.h"

#include <gtest/gtest.h>

#include <string>

namespace rapport::nlp {
namespace {

TEST(StemmerTest, StemsEnglishWords) {
  Stemmer stemmer;
  EXPECT_EQ(stemmer.Stem("running"), "run");
  EXPECT_EQ(stemmer.Stem("ponies"), "poni");
  EXPECT_EQ(stemmer.Stem("caresses"), "caress");
  EXPECT_EQ(stemmer.Stem("marathons"), "marathon");
  EXPECT_EQ(stemmer.Stem("hiking"), "hike");
  EXPECT_EQ(stemmer.Stem("knitting"), "knit");
  EXPECT_EQ(stemmer.Stem("generously"), "generous");
  EXPECT_EQ(stemmer.Stem("happiness"), "happi");
  EXPECT_EQ(stemmer.Stem("cats"), "cat");
}

TEST(StemmerTest, LeavesShortAndUnchangedWords) {
  Stemmer stemmer;
  EXPECT_EQ(stemmer.Stem("run"), "run");
  EXPECT_EQ(stemmer.Stem("a"), "a");
  EXPECT_EQ(stemmer.Stem(""), "");
  EXPECT_EQ(stemmer.Stem("2024"), "2024");
}

TEST(StemmerTest, HandlesNonAsciiUtf8) {
  Stemmer stemmer;
  EXPECT_EQ(stemmer.Stem("caf\u00E9s"), "caf\u00E9");
  EXPECT_EQ(stemmer.Stem("\u6771\u4EAC"), "\u6771\u4EAC");
}

TEST(StemmerTest, ResultIsValidUntilNextCall) {
  Stemmer stemmer;
  const std::string first(stemmer.Stem("jumping"));
  const std::string second(stemmer.Stem("swimming"));
  EXPECT_EQ(first, "jump");
  EXPECT_EQ(second, "swim");
}

TEST(StemmerTest, StemsWordsThatAreNotNulTerminated) {
  Stemmer stemmer;
  const std::string text = "walkedXYZ";
  EXPECT_EQ(stemmer.Stem(std::string_view(text).substr(0, 6)), "walk");
}

}  // namespace
}  // namespace rapport::nlp
