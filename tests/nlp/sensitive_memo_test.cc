// SensitiveMemo: the same kinds as ClassifySensitive of the key, then the value.
#include "nlp/sensitive_memo.h"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "nlp/sensitive.h"

namespace rapport::nlp {
namespace {

SensitiveKind Direct(std::string_view key, std::string_view value) {
  const SensitiveKind k = ClassifySensitive(key);
  return k != SensitiveKind::kNone ? k : ClassifySensitive(value);
}

TEST(SensitiveMemoTest, KeyFirstThenValue) {
  SensitiveMemo memo;
  EXPECT_EQ(memo.Classify("diabet", "dog: Rover"), SensitiveKind::kNone);  // a stem is no entry
  EXPECT_EQ(memo.Classify("diabetes", "dog: Rover"), SensitiveKind::kHealth);
  EXPECT_EQ(memo.Classify("church", "Hispanic"), SensitiveKind::kReligion);
  EXPECT_EQ(memo.Classify("marathon train", "Catholic"), SensitiveKind::kReligion);
}

TEST(SensitiveMemoTest, ARememberedKeyWithAnotherValueIsClassifiedAgain) {
  // One slot (the smallest memo): every pair lands on it, so a hit on the key
  // alone would answer the second call wrongly.
  SensitiveMemo memo(1);
  EXPECT_EQ(memo.Classify("health", "my diabetes"), SensitiveKind::kHealth);
  EXPECT_EQ(memo.Classify("health", "my garden"), SensitiveKind::kNone);
  EXPECT_EQ(memo.Classify("health", "my diabetes"), SensitiveKind::kHealth);
  EXPECT_EQ(memo.Classify("topic", "voted Republican"), SensitiveKind::kPolitics);
  EXPECT_EQ(memo.Classify("topic", "voted Republican!"), SensitiveKind::kPolitics);
  EXPECT_EQ(memo.Classify("topi", "voted Republican"), SensitiveKind::kPolitics);
  EXPECT_EQ(memo.Classify("topi", "my garden"), SensitiveKind::kNone);
}

TEST(SensitiveMemoTest, AgreesWithClassifySensitiveOnRepeatedAndEvictedPairs) {
  const std::vector<std::string> words = {"dog",     "rover",    "cancer", "church", "garden",  "voted",
                                          "labour",  "party",    "run",    "came",   "out",     "latino",
                                          "pride",   "marathon", "chemo",  "mass",   "hispanic", "bar"};
  std::mt19937 rng(7);
  auto phrase = [&] {
    std::string s = words[rng() % words.size()];
    if (rng() % 2) s += " " + words[rng() % words.size()];
    return s;
  };
  std::vector<std::pair<std::string, std::string>> pairs;
  for (int i = 0; i < 3000; ++i) pairs.emplace_back(phrase(), phrase());
  for (size_t slots : {size_t{1}, size_t{16}, size_t{4096}}) {
    SensitiveMemo memo(slots);
    int sensitive = 0;
    for (int round = 0; round < 3; ++round) {
      for (const auto& [key, value] : pairs) {
        const SensitiveKind want = Direct(key, value);
        ASSERT_EQ(memo.Classify(key, value), want) << key << " | " << value << " (" << slots << " slots)";
        sensitive += want != SensitiveKind::kNone;
      }
    }
    EXPECT_GT(sensitive, 0);  // the draw holds sensitive pairs, not only everyday ones
  }
}

}  // namespace
}  // namespace rapport::nlp
