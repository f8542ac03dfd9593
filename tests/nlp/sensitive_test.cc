// ClassifySensitive: the special categories withheld unless allowed.
#include "nlp/sensitive.h"

#include <gtest/gtest.h>

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
