// ClassifySensitive: the special categories withheld unless allowed.
#include "nlp/sensitive.h"

#include <gtest/gtest.h>

#include <cctype>
#include <map>
#include <random>
#include <string>
#include <vector>

namespace rapport::nlp {
namespace {

TEST(SensitiveTest, NamesEachKindFromWordsAndPhrases) {
  EXPECT_EQ(ClassifySensitive("diabetes"), SensitiveKind::kHealth);
  EXPECT_EQ(ClassifySensitive("mother's Alzheimer's"), SensitiveKind::kHealth);
  EXPECT_EQ(ClassifySensitive("high blood pressure"), SensitiveKind::kHealth);
  EXPECT_EQ(ClassifySensitive("Catholic"), SensitiveKind::kReligion);
  EXPECT_EQ(ClassifySensitive("going to church"), SensitiveKind::kReligion);
  EXPECT_EQ(ClassifySensitive("bar mitzvah"), SensitiveKind::kReligion);
  EXPECT_EQ(ClassifySensitive("voted Republican"), SensitiveKind::kPolitics);
  EXPECT_EQ(ClassifySensitive("the Labour Party"), SensitiveKind::kPolitics);
  EXPECT_EQ(ClassifySensitive("#LGBTQ"), SensitiveKind::kSexualOrientation);
  EXPECT_EQ(ClassifySensitive("came out"), SensitiveKind::kSexualOrientation);
  EXPECT_EQ(ClassifySensitive("Hispanic"), SensitiveKind::kEthnicity);
  EXPECT_EQ(ClassifySensitive("native american art"), SensitiveKind::kEthnicity);
}

TEST(SensitiveTest, EverydayNeighboursAreNotSensitive) {
  for (const char* text : {"dog: Rover", "marathon", "race", "birthday party", "works at the hospital",
                           "liberal arts", "black coffee", "transit", "pride and prejudice", "vet",
                           "Chicago", "velvet jacket", "new job", "physical therapist", "animal activist", "non alcoholic beer", "dog: Trump", "", "   ", "gaydar-free \xF0\x9F\x98\x80"}) {
    EXPECT_EQ(ClassifySensitive(text), SensitiveKind::kNone) << text;
  }
}

TEST(SensitiveTest, WholeWordsOnly) {
  EXPECT_EQ(ClassifySensitive("strokes of luck"), SensitiveKind::kNone);  // "stroke" is a word of its own
  EXPECT_EQ(ClassifySensitive("gaylord"), SensitiveKind::kNone);
  EXPECT_EQ(ClassifySensitive("churchill"), SensitiveKind::kNone);
  EXPECT_EQ(ClassifySensitive("left  wing"), SensitiveKind::kPolitics);  // runs of separators are one space
}

// The rule stated plainly: split into words of [A-Za-z0-9'+-] and bytes >=
// 0x80, lower-case ASCII; a word, or a word with the one before it joined by
// a space, that is an entry makes the text sensitive (the first found wins).
// The entries the random texts below can form, by hand from sensitive.cc.
SensitiveKind Reference(std::string_view text) {
  static const std::map<std::string, SensitiveKind> kEntries = {
      {"blood pressure", SensitiveKind::kHealth},    {"heart attack", SensitiveKind::kHealth},
      {"alzheimer's", SensitiveKind::kHealth},       {"alzheimer", SensitiveKind::kHealth},
      {"chemo", SensitiveKind::kHealth},             {"bar mitzvah", SensitiveKind::kReligion},
      {"labour party", SensitiveKind::kPolitics},    {"left wing", SensitiveKind::kPolitics},
      {"left-wing", SensitiveKind::kPolitics},       {"gop", SensitiveKind::kPolitics},
      {"lgbtq+", SensitiveKind::kSexualOrientation}, {"came out", SensitiveKind::kSexualOrientation},
      {"native american", SensitiveKind::kEthnicity}, {"mixed race", SensitiveKind::kEthnicity}};
  auto word_byte = [](unsigned char c) {
    return std::isalnum(c) || c == '\'' || c == '-' || c == '+' || c >= 0x80;
  };
  std::vector<std::string> words;
  for (size_t i = 0; i < text.size();) {
    if (!word_byte(static_cast<unsigned char>(text[i]))) {
      ++i;
      continue;
    }
    std::string w;
    while (i < text.size() && word_byte(static_cast<unsigned char>(text[i])))
      w.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(text[i++]))));
    words.push_back(w);
  }
  for (size_t k = 0; k < words.size(); ++k) {
    if (auto it = kEntries.find(words[k]); it != kEntries.end()) return it->second;
    if (k > 0) {
      if (auto it = kEntries.find(words[k - 1] + " " + words[k]); it != kEntries.end()) return it->second;
    }
  }
  return SensitiveKind::kNone;
}

TEST(SensitiveTest, LongTextsFollowTheWordAndPhraseRule) {
  // Random texts of entries' words, everyday words, long words, separators
  // and non-ASCII: the whole text is classified as its words one by one.
  const std::vector<std::string> pieces = {
      "blood", "pressure", "Blood", "PRESSURE", "bar", "mitzvah", "labour", "party", "left", "wing", "left-wing",
      "dog", "marathon", "Rover", "coffee", "black", "the", "my", "Alzheimer's", "alzheimer", "chemo", "gop",
      "supercalifragilisticexpialidocious", "pneumonoultramicroscopicsilicovolcanoconiosis", "\xC3\xA9t\xC3\xA9",
      "LGBTQ+", "native", "american", "mixed", "race", "heart", "attack", "came", "out", "42", "I'm"};
  const std::vector<std::string> separators = {" ", "  ", ", ", "!", " #", "\n", ": ", "\xF0\x9F\x98\x80 "};
  std::mt19937 rng(5);
  int sensitive = 0;
  for (int t = 0; t < 5000; ++t) {
    std::string text;
    const int n = 1 + static_cast<int>(rng() % 8);
    for (int k = 0; k < n; ++k) {
      if (k) text += separators[rng() % separators.size()];
      text += pieces[rng() % pieces.size()];
    }
    const SensitiveKind want = Reference(text);
    sensitive += want != SensitiveKind::kNone;
    ASSERT_EQ(ClassifySensitive(text), want) << text;
  }
  EXPECT_GT(sensitive, 500) << "the texts exercise both outcomes";
  EXPECT_LT(sensitive, 4500);
}

TEST(SensitiveTest, NamesRoundTrip) {
  for (SensitiveKind k : {SensitiveKind::kHealth, SensitiveKind::kReligion, SensitiveKind::kPolitics,
                          SensitiveKind::kSexualOrientation, SensitiveKind::kEthnicity}) {
    EXPECT_EQ(SensitiveFromName(SensitiveName(k)), k);
    EXPECT_NE(SensitiveBit(k) & kAllSensitive, 0u);
  }
  EXPECT_EQ(SensitiveFromName("sports"), SensitiveKind::kNone);
  EXPECT_EQ(SensitiveName(SensitiveKind::kNone), "");
}

}  // namespace
}  // namespace rapport::nlp
