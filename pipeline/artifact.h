// Artifact: one scored candidate for one person, ready for export.
//
// Example:
//   {candidate_id: "c1f0a6d29e03b7a4", person: {platform: "x", id: "1093321775",
//    username: "dana_rios", name: "Dana Rios"}, category: "pet", value: "dog: Rover",
//    key: "pet|dog rover", polarity: "positive", said_by: "self", score: 3.2, mentions: 4,
//    days: 3, conversations: 3, interlocutors: 2, first_seen: "2023-06-01T17:37:00Z",
//    last_seen: "2023-07-02T08:00:00Z", evidence: [{id, url, created_at, text}, ...]}
// Plain value type; not synchronized.
#ifndef RAPPORT_PIPELINE_ARTIFACT_H_
#define RAPPORT_PIPELINE_ARTIFACT_H_

#include <cstdint>
#include <string>
#include <vector>

namespace rapport::pipeline {

struct PersonRef {
  std::string platform;
  std::string id;
  std::string username;
  std::string name;
};

struct Evidence {
  std::string id;
  std::string url;
  std::string created_at;  // ISO 8601 UTC, e.g. "2026-05-03T21:04:31Z"
  std::string text;
  std::string author_username;  // who wrote it (differs from the person for facts said by others)
};

struct Artifact {
  std::string candidate_id;  // stable: hash of platform, person id, category, key
  PersonRef person;
  std::string category;      // e.g. "pet", "hobby", "topic"
  std::string value;         // what an analyst reads, e.g. "dog: Rover"
  std::string key;           // normalised merge key
  std::string polarity = "positive";  // or "negative" ("I don't eat meat")
  std::string said_by = "self";       // "self" or "other"
  std::string review = "new";         // "new", "accepted" or "edited" (rejected ones are never proposed)
  double score = 0;
  uint32_t mentions = 0;
  uint32_t days = 0;
  uint32_t conversations = 0;
  uint32_t interlocutors = 0;
  std::string first_seen;  // ISO 8601 UTC
  std::string last_seen;
  std::vector<Evidence> evidence;
};

}  // namespace rapport::pipeline

#endif  // RAPPORT_PIPELINE_ARTIFACT_H_
