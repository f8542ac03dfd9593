// Records about pairs of people: what two people already talked about (the
// common thread to pick up again), and people who share an organisation, a
// place or a distinctive topic without talking to each other (serendipity).
//
// Example CommonThread: {people: [dana_rios, jordan_lee], exchanges: 4,
//   conversations: 2, first_talked: "2026-09-08T07:40:00Z", last_talked:
//   "2026-09-15T17:00:00Z", quiet_days: 26, topics: [{value: "velvet jacket",
//   mentions: 2, last_seen: ..., evidence: [...]}, ...],
//   opener: "Last time (2026-09-15) you talked about velvet jacket, Australian market."}
// Plain value types; not synchronized.
#ifndef RAPPORT_PIPELINE_RELATIONS_H_
#define RAPPORT_PIPELINE_RELATIONS_H_

#include <cstdint>
#include <string>
#include <vector>

#include "pipeline/artifact.h"

namespace rapport::pipeline {

struct ThreadTopic {
  std::string category, value, key;
  uint32_t mentions = 0;
  std::string last_seen;
  std::vector<Evidence> evidence;  // posts of either person, latest first
};

struct CommonThread {
  PersonRef a, b;  // ordered by (platform, id)
  uint32_t exchanges = 0;      // replies between them, both directions
  uint32_t conversations = 0;
  std::string first_talked, last_talked;
  int64_t quiet_days = 0;      // from the last exchange to the newest post of the run
  std::vector<ThreadTopic> topics;
  std::string opener;          // set when quiet_days > the configured threshold
};

struct Connection {
  PersonRef a, b;
  std::string category;  // of a's candidate ("name", "place", "topic", ...)
  std::string value;     // as a says it
  std::string key;
  Evidence evidence_a, evidence_b;
};

}  // namespace rapport::pipeline

#endif  // RAPPORT_PIPELINE_RELATIONS_H_
