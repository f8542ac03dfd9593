#include "pipeline/export/json_records.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <limits>
#include <string>

namespace rapport::pipeline {
namespace {

TEST(JsonRecordsTest, KeysAreQuotedAndFollowedByAColon) {
  std::string out = "{";
  AppendJsonKey(&out, "score");
  EXPECT_EQ(out, "{\"score\":");
  // Longer than the one-append buffer: the same bytes.
  const std::string long_key(100, 'k');
  std::string long_out;
  AppendJsonKey(&long_out, long_key);
  EXPECT_EQ(long_out, "\"" + long_key + "\":");
  std::string empty;
  AppendJsonKey(&empty, "");
  EXPECT_EQ(empty, "\"\":");
}

TEST(JsonRecordsTest, IntegersAreWrittenInFullWhateverTheirSize) {
  for (int64_t v : {int64_t{0}, int64_t{7}, int64_t{-42}, std::numeric_limits<int64_t>::max(),
                    std::numeric_limits<int64_t>::min()}) {
    std::string out;
    AppendJsonInt(&out, "n", v);
    EXPECT_EQ(out, "\"n\":" + std::to_string(v));
  }
}

TEST(JsonRecordsTest, EvidenceAndPersonObjectsHaveTheirMembersInOrder) {
  Evidence e;
  e.id = "1800000000000000001";
  e.url = "https://x.com/dana/status/1800000000000000001";
  e.created_at = "2026-05-03T21:04:31Z";
  e.author_username = "dana";
  e.text = "My dog \"Rover\"";
  std::string out;
  AppendEvidenceJson(&out, e);
  EXPECT_EQ(out,
            "{\"id\":\"1800000000000000001\",\"url\":\"https://x.com/dana/status/1800000000000000001\","
            "\"created_at\":\"2026-05-03T21:04:31Z\",\"author\":\"dana\",\"text\":\"My dog \\\"Rover\\\"\"}");
  PersonRef p{"x", "12", "dana", "Dana Rios"};
  std::string person;
  AppendPersonJson(&person, p);
  EXPECT_EQ(person, "{\"platform\":\"x\",\"id\":\"12\",\"username\":\"dana\",\"name\":\"Dana Rios\"}");
}

}  // namespace
}  // namespace rapport::pipeline
