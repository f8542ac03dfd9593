#include "nlp/language.h"

#include <gtest/gtest.h>

#include <string_view>

#include "nlp/tokenizer.h"

namespace rapport::nlp {
namespace {

bool English(std::string_view tag, std::string_view text) {
  Tokenizer tokenizer;
  TokenizedText tokens;
  tokenizer.Tokenize(text, &tokens);
  return IsEnglish(tag, tokens);
}

TEST(LanguageTest, EnglishTagsWin) {
  EXPECT_TRUE(English("en", "Hoy fui al mercado con mi hermana"));
  EXPECT_TRUE(English("en-GB", "whatever"));
  EXPECT_TRUE(English("EN-us", "whatever"));
  EXPECT_TRUE(English("en_US", "whatever"));
  EXPECT_TRUE(English("eng", "whatever"));
}

TEST(LanguageTest, OtherLanguageTagsLose) {
  EXPECT_FALSE(English("ja", "I went to the market with my sister and it was great"));
  EXPECT_FALSE(English("fr", "I went to the market with my sister"));
  EXPECT_FALSE(English("es-MX", "I went to the market"));
  EXPECT_FALSE(English("zh-Hant", "hello"));
  EXPECT_FALSE(English("enm", "hello there"));  // Middle English is another language
}

TEST(LanguageTest, NonLanguageTagsGuessFromText) {
  const std::string_view english = "I went to the market with my sister and it was great";
  for (std::string_view tag : {"", "und", "qme", "qht", "zxx", "mul", "UND", "x-unknown"}) {
    EXPECT_TRUE(English(tag, english)) << tag;
    EXPECT_FALSE(English(tag, "Hoy fui al mercado con mi hermana y compramos muchas frutas")) << tag;
  }
}

TEST(LanguageTest, GuessesEnglishText) {
  EXPECT_TRUE(English("und", "Just finished my first marathon!! So proud of myself #running"));
  EXPECT_TRUE(English("und", "Loving the new coffee place downtown"));
  EXPECT_TRUE(English("und", "Soooo proud of @sam_r!! #MarathonTraining https://t.co/x"));
  EXPECT_TRUE(English("und", "Great game tonight"));  // short, no stopwords, ASCII
  EXPECT_TRUE(English("und", "Moving to LA next week, can't wait"));
}

TEST(LanguageTest, GuessesOtherLatinLanguages) {
  EXPECT_FALSE(English("und", "Hoy fui al mercado con mi hermana y compramos frutas"));         // Spanish
  EXPECT_FALSE(English("und", "Je suis allé au marché avec ma sœur ce matin"));               // French
  EXPECT_FALSE(English("und", "Ich bin so müde, ich will nur noch schlafen"));                // German
  EXPECT_FALSE(English("und", "Oggi sono andato al mercato con mia sorella, che bella giornata"));  // Italian
  EXPECT_FALSE(English("und", "Hoje eu fui ao mercado com a minha irmã e foi muito bom"));   // Portuguese
}

TEST(LanguageTest, GuessesNonLatinScripts) {
  EXPECT_FALSE(English("und", "\u4eca\u65e5\u306f\u3044\u3044\u5929\u6c17\u3067\u3059\u306d"));  // Japanese
  EXPECT_FALSE(English("", "\u0645\u0631\u062d\u0628\u0627 \u0628\u0643\u0645 \u0641\u064a "
                           "\u0627\u0644\u0645\u062f\u064a\u0646\u0629 \u0627\u0644\u062c\u0645\u064a\u0644\u0629"));
  EXPECT_FALSE(English("und", "\u041f\u0440\u0438\u0432\u0435\u0442, \u043a\u0430\u043a \u0434\u0435\u043b\u0430 "
                              "\u0441\u0435\u0433\u043e\u0434\u043d\u044f?"));  // Russian
}

TEST(LanguageTest, ShortPostsCountAsEnglishWhenAscii) {
  EXPECT_TRUE(English("und", "lol"));
  EXPECT_TRUE(English("und", "Congrats @sam!"));
  EXPECT_TRUE(English("und", "\U0001F389\U0001F389 yay"));  // emoji do not count as words
  EXPECT_TRUE(English("und", ""));
  EXPECT_FALSE(English("und", "\u00A1Feliz cumplea\u00F1os!"));
  EXPECT_FALSE(English("und", "\u304a\u3081\u3067\u3068\u3046"));  // Japanese "congratulations"
}

}  // namespace
}  // namespace rapport::nlp
