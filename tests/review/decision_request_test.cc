// ParseDecisionRequest: the POST /api/decisions body.
#include "review/decision_request.h"

#include <gtest/gtest.h>

#include <string>

namespace rapport::review {
namespace {

TEST(DecisionRequestTest, AcceptAndRejectIgnoreValue) {
  auto r = ParseDecisionRequest(R"({"candidate_id":"c1f0a6d29e03b7a4","status":"accepted","value":"x"})");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->candidate_id, "c1f0a6d29e03b7a4");
  EXPECT_EQ(r->status, "accepted");
  EXPECT_EQ(r->value, "");
  r = ParseDecisionRequest(R"({"status":"rejected","candidate_id":"abc","extra":{"a":[1,2]}})");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->status, "rejected");
}

TEST(DecisionRequestTest, EditedValueIsTrimmedAndChecked) {
  auto r = ParseDecisionRequest(R"({"candidate_id":"abc","status":"edited","value":"  dog: Rex  "})");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->value, "dog: Rex");
  EXPECT_FALSE(ParseDecisionRequest(R"({"candidate_id":"abc","status":"edited"})").ok());
  EXPECT_FALSE(ParseDecisionRequest(R"({"candidate_id":"abc","status":"edited","value":null})").ok());
  EXPECT_FALSE(ParseDecisionRequest(R"({"candidate_id":"abc","status":"edited","value":"   "})").ok());
  EXPECT_FALSE(ParseDecisionRequest(R"({"candidate_id":"abc","status":"edited","value":"a\nb"})").ok());
  EXPECT_FALSE(ParseDecisionRequest(R"({"candidate_id":"abc","status":"edited","value":7})").ok());
}

TEST(DecisionRequestTest, ValueLengthCountsCharactersNotBytes) {
  std::string ok(kMaxValueChars, 'a');
  EXPECT_TRUE(ParseDecisionRequest(R"({"candidate_id":"a","status":"edited","value":")" + ok + "\"}").ok());
  std::string too_long(kMaxValueChars + 1, 'a');
  auto r = ParseDecisionRequest(R"({"candidate_id":"a","status":"edited","value":")" + too_long + "\"}");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("500"), std::string::npos);
  std::string umlauts;
  for (size_t i = 0; i < kMaxValueChars; ++i) umlauts += "\xC3\xBC";  // ü, 2 bytes each
  EXPECT_TRUE(ParseDecisionRequest(R"({"candidate_id":"a","status":"edited","value":")" + umlauts + "\"}").ok());
}

TEST(DecisionRequestTest, MalformedBodiesAreRefused) {
  for (const char* body : {"", "null", "[]", "{", "not json", R"({"candidate_id":"a"})",
                           R"({"status":"accepted"})", R"({"candidate_id":"","status":"accepted"})",
                           R"({"candidate_id":"a","status":"maybe"})", R"({"candidate_id":"a","status":"ACCEPTED"})",
                           R"({"candidate_id":"a b","status":"accepted"})", R"({"candidate_id":1,"status":"accepted"})",
                           R"({"candidate_id":"a","status":"accepted"} trailing)"}) {
    auto r = ParseDecisionRequest(body);
    EXPECT_FALSE(r.ok()) << body;
    if (!r.ok()) {
      EXPECT_EQ(r.status().code(), Status::Code::kInvalidArgument) << body;
    }
  }
  EXPECT_FALSE(ParseDecisionRequest(std::string(kMaxDecisionBodyBytes + 1, ' ')).ok());
}

}  // namespace
}  // namespace rapport::review
