#include "nlp/stopwords.h"

#include <gtest/gtest.h>

#include <string>

namespace rapport::nlp {
namespace {

TEST(StopwordsTest, FunctionWords) {
  for (const char* w : {"the", "and", "a", "an", "of", "to", "in", "i", "me", "my", "you", "we", "they", "is", "are",
                        "was", "be", "have", "do", "does", "will", "would", "can", "could", "this", "that", "with"}) {
    EXPECT_TRUE(IsStopword(w)) << w;
  }
}

TEST(StopwordsTest, ContractionsWithAndWithoutApostrophe) {
  for (const char* w : {"i'm", "don't", "can't", "it's", "i've", "won't", "you're", "im", "ive", "dont", "cant",
                        "didnt", "y'all"}) {
    EXPECT_TRUE(IsStopword(w)) << w;
  }
}

TEST(StopwordsTest, ChatFillers) {
  for (const char* w : {"lol", "lmao", "haha", "hahaha", "yeah", "yea", "yes", "no", "ok", "okay", "omg", "oh",
                        "wow", "hey", "hi", "um", "uh", "hmm", "btw", "tbh", "idk", "u", "ur", "gonna", "wanna",
                        "gotta", "really", "just", "very", "so", "also", "too"}) {
    EXPECT_TRUE(IsStopword(w)) << w;
  }
}

TEST(StopwordsTest, ContentWordsAreNotStopwords) {
  for (const char* w : {"marathon", "running", "sister", "coffee", "dog", "boston", "training", "hell", "well", "ill",
                        "id", "love", "new"}) {
    EXPECT_FALSE(IsStopword(w)) << w;
  }
}

TEST(StopwordsTest, ExactLowerCaseMatchOnly) {
  EXPECT_FALSE(IsStopword(""));
  EXPECT_FALSE(IsStopword("The"));     // callers pass norms, which are lower case
  EXPECT_FALSE(IsStopword("the "));
  EXPECT_FALSE(IsStopword("don\u2019t"));  // norms use the ASCII apostrophe
  EXPECT_FALSE(IsStopword("b"));       // initials are not dropped
  std::string buffer = "theory";
  EXPECT_TRUE(IsStopword(std::string_view(buffer).substr(0, 3)));
}

}  // namespace
}  // namespace rapport::nlp
