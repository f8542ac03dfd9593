// ReadArtifactsJsonl reads back what WriteArtifactsJsonl writes; CandidatesJson merges decisions.
#include "review/artifacts_reader.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>

#include "pipeline/export/exporters.h"
#include "review/candidates_json.h"
#include "tests/pipeline/test_util.h"

namespace rapport::review {
namespace {

pipeline::Artifact Sample() {
  pipeline::Artifact a;
  a.candidate_id = "c1f0a6d29e03b7a4";
  a.person = {"x", "1093321775", "dana_rios", "Dana \"D\" Rios"};
  a.category = "pet";
  a.value = "dog: Rover";
  a.key = "pet|dog rover";
  a.polarity = "negative";
  a.said_by = "other";
  a.review = "edited";
  a.score = 2.9231;
  a.mentions = 4;
  a.days = 3;
  a.conversations = 2;
  a.interlocutors = 1;
  a.first_seen = "2026-06-01T17:37:00Z";
  a.last_seen = "2026-07-02T08:00:00Z";
  a.evidence = {{"1", "https://x.com/dana_rios/status/1", "2026-06-01T17:37:00Z", "My dog Rover\nsleeps <b>all</b> day",
                 "dana_rios"}};
  return a;
}

TEST(ArtifactsReaderTest, RoundTripsTheJsonlWriter) {
  testing::TempDir tmp("review-reader");
  const std::string path = (tmp.path() / "artifacts.jsonl").string();
  pipeline::Artifact b = Sample();
  b.candidate_id = "00000000000000ff";
  b.evidence.clear();
  b.review = "new";
  ASSERT_TRUE(pipeline::WriteArtifactsJsonl({Sample(), b}, path).ok());
  std::vector<pipeline::Artifact> got;
  ASSERT_TRUE(ReadArtifactsJsonl(path, &got).ok());
  ASSERT_EQ(got.size(), 2u);
  const pipeline::Artifact& a = got[0];
  EXPECT_EQ(a.candidate_id, "c1f0a6d29e03b7a4");
  EXPECT_EQ(a.person.name, "Dana \"D\" Rios");
  EXPECT_EQ(a.person.username, "dana_rios");
  EXPECT_EQ(a.value, "dog: Rover");
  EXPECT_EQ(a.polarity, "negative");
  EXPECT_EQ(a.said_by, "other");
  EXPECT_EQ(a.review, "edited");
  EXPECT_DOUBLE_EQ(a.score, 2.9231);
  EXPECT_EQ(a.mentions, 4u);
  EXPECT_EQ(a.interlocutors, 1u);
  EXPECT_EQ(a.last_seen, "2026-07-02T08:00:00Z");
  ASSERT_EQ(a.evidence.size(), 1u);
  EXPECT_EQ(a.evidence[0].text, "My dog Rover\nsleeps <b>all</b> day");
  EXPECT_EQ(a.evidence[0].author_username, "dana_rios");
  EXPECT_TRUE(got[1].evidence.empty());
}

TEST(ArtifactsReaderTest, MissingFileAndBadLinesAreErrors) {
  testing::TempDir tmp("review-reader-bad");
  std::vector<pipeline::Artifact> got;
  EXPECT_EQ(ReadArtifactsJsonl((tmp.path() / "nope.jsonl").string(), &got).code(), Status::Code::kNotFound);
  const auto path = tmp.path() / "bad.jsonl";
  testing::WriteFile(path, "{\"candidate_id\":\"a\"}\n\n{\"value\":\"no id\"}\n");
  Status st = ReadArtifactsJsonl(path.string(), &got);
  EXPECT_EQ(st.code(), Status::Code::kCorruption);
  EXPECT_NE(st.message().find("bad.jsonl:3"), std::string::npos) << st.message();
  EXPECT_TRUE(got.empty());
}

TEST(CandidatesJsonTest, StoreDecisionWinsAndMarkupIsEscaped) {
  pipeline::Artifact a = Sample();
  a.review = "new";
  a.value = "<script>alert(1)</script>";
  std::map<std::string, pipeline::Decision> decisions;
  EXPECT_EQ(ReviewStatus(a, decisions), "new");
  decisions[a.candidate_id] = {"edited", "dog: Rex & co", 1700000000};
  EXPECT_EQ(ReviewStatus(a, decisions), "edited");
  const std::string json = CandidatesJson({a}, decisions);
  EXPECT_EQ(json.find('<'), std::string::npos) << json;
  EXPECT_EQ(json.find('>'), std::string::npos) << json;
  EXPECT_EQ(json.find('&'), std::string::npos) << json;
  EXPECT_NE(json.find(R"("value":"dog: Rex \u0026 co")"), std::string::npos) << json;
  EXPECT_NE(json.find(R"("run_value":"\u003cscript\u003ealert(1)\u003c/script\u003e")"), std::string::npos) << json;
  EXPECT_NE(json.find(R"("status":"edited","decided_at":1700000000)"), std::string::npos) << json;
  EXPECT_EQ(ErrorJson("a<b"), R"({"error":"a\u003cb"})");
}

}  // namespace
}  // namespace rapport::review
