#include "pipeline/evaluator.h"

#include <gtest/gtest.h>

#include "tests/pipeline/test_util.h"

namespace rapport::pipeline {
namespace {

TEST(EvaluatorTest, ContentWordsFollowTheScorersDefinition) {
  EXPECT_EQ(ContentWords("I watch horror movies."), (std::set<std::string>{"horror", "movy", "watch"}));
  EXPECT_EQ(ContentWords("My dog’s name is Rover!"), (std::set<std::string>{"dog", "name", "rover"}));
  EXPECT_EQ(ContentWords("I love running and I liked it"), (std::set<std::string>{"run"})) << "generic words go";
  EXPECT_EQ(ContentWords("ponies boxes churches wishes"), (std::set<std::string>{"pony", "box", "church", "wish"}));
  EXPECT_EQ(ContentWords("stopped hopping"), (std::set<std::string>{"stop", "hop"}));
  EXPECT_TRUE(ContentWords("I am so happy it's ok").count("happy"));
}

Artifact Cand(std::string person, std::string value, double score, std::string evidence) {
  Artifact a;
  a.person.id = std::move(person);
  a.value = std::move(value);
  a.score = score;
  a.evidence.push_back({std::move(evidence), "", "", "", ""});
  return a;
}

TEST(EvaluatorTest, PrecisionRecallGroundingAndRecurrence) {
  testing::TempDir tmp("eval");
  testing::WriteFile(tmp.path() / "gold.jsonl",
                     R"({"user_id": "1", "username": "a", "facts": [)"
                     R"({"text": "I have a dog.", "evidence": ["p1"], "session": 1},)"
                     R"({"text": "My dog is called Rover.", "evidence": ["p2"], "session": 2},)"
                     R"({"text": "I play tennis.", "evidence": ["p3"], "session": 1}]})"
                     "\n"
                     R"({"user_id": "2", "username": "b", "facts": [{"text": "I bake bread.", "evidence": ["q1"], "session": 1}]})"
                     "\n");
  std::vector<Artifact> cands = {Cand("1", "dog", 3, "p1"), Cand("1", "chess", 2, "p9"), Cand("1", "tennis", 1, "p8"),
                                 Cand("1", "tennis club", 0.5, "p3")};
  auto r = Evaluate((tmp.path() / "gold.jsonl").string(), cands, 3);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->persons, 2u);
  EXPECT_EQ(r->covered, 1u);
  EXPECT_EQ(r->candidates_kept, 3u);
  // Person 1 keeps dog (matches both dog facts, grounded on p1), chess (no), tennis (matches, not grounded).
  EXPECT_NEAR(r->precision, 2.0 / 3, 1e-9);
  EXPECT_NEAR(r->grounded_precision, 1.0 / 3, 1e-9);
  EXPECT_NEAR(r->recall, (3.0 / 3 + 0.0) / 2, 1e-9);
  EXPECT_NEAR(r->grounded_recall, (1.0 / 3 + 0.0) / 2, 1e-9);
  // The dog facts of sessions 1 and 2 share "dog": both recur; tennis does not.
  EXPECT_EQ(r->persons_with_recurring, 1u);
  EXPECT_NEAR(r->recurring_recall, 1.0, 1e-9);
  EXPECT_NE(r->ToTable().find("P@3"), std::string::npos);
}

TEST(EvaluatorTest, MissingGoldIsAnError) {
  EXPECT_FALSE(Evaluate("/nonexistent/gold.jsonl", {}, 10).ok());
}

}  // namespace
}  // namespace rapport::pipeline
