#include "nlp/stemmer.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

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

// The cache holds a few thousand words in fixed slots: many more words than
// slots (so slots are overwritten), long words (not cached) and repeats must
// all give what a stemmer that has seen nothing before gives.
TEST(StemmerTest, CachedStemsAreTheStemmersOwnWhateverWasStemmedBefore) {
  std::vector<std::string> words;
  const char* suffixes[] = {"", "s", "ing", "ed", "ly", "ness", "ies", "ational"};
  for (int i = 0; i < 2000; ++i)
    for (const char* suffix : suffixes) {
      std::string w = "w";
      w += std::to_string(i * 7919 % 100003);
      w += "ord";
      w += suffix;
      words.push_back(std::move(w));
    }
  words.push_back("internationalisations");         // 21 bytes: the longest cached
  words.push_back("internationalisationally");      // longer: not cached
  words.push_back("caf\u00E9s");
  std::vector<std::string> expected;
  for (const std::string& w : words) {
    Stemmer fresh;
    expected.emplace_back(fresh.Stem(w));
  }
  Stemmer stemmer;
  for (int pass = 0; pass < 3; ++pass) {
    for (size_t k = 0; k < words.size(); ++k) {
      // Forward, backward, then interleaved, so every slot sees other words in between.
      const size_t i = pass == 0 ? k : pass == 1 ? words.size() - 1 - k : (k * 7) % words.size();
      ASSERT_EQ(stemmer.Stem(words[i]), expected[i]) << words[i] << " on pass " << pass;
    }
  }
  EXPECT_EQ(expected[0], "w0ord");
  EXPECT_EQ(expected[2], "w0ord");  // "w0ording"
}

}  // namespace
}  // namespace rapport::nlp
