// The JSON bodies of the review API: candidates merged with the store's
// decisions, one decision, all decisions, an error.
//
// Every string goes through AppendJsonString (valid UTF-8, control characters
// escaped) and then has < > & written as \u003c \u003e \u0026, so no answer
// can be read as markup even by a client that sniffs. Thread-safe (pure
// functions).
#ifndef RAPPORT_REVIEW_CANDIDATES_JSON_H_
#define RAPPORT_REVIEW_CANDIDATES_JSON_H_

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "pipeline/artifact.h"
#include "pipeline/state_store.h"

namespace rapport::review {

// The review state of a candidate: the store's decision when it has one
// ("accepted", "edited", "rejected"), else the run's `review` field ("new",
// "accepted", "edited").
std::string ReviewStatus(const pipeline::Artifact& a, const std::map<std::string, pipeline::Decision>& decisions);

// {"candidates":[{candidate_id, person{platform,id,username,name}, category,
//   value, run_value, status, decided_at, polarity, said_by, score, mentions,
//   days, conversations, interlocutors, first_seen, last_seen,
//   evidence[{id,url,created_at,author,text}]}, ...]}
// in the order given. `value` is the stored edited value for an "edited"
// decision, else the run's value; `run_value` is always the run's value.
// `decided_at` is Unix seconds, 0 when undecided. Rejected candidates are
// included (status "rejected"); the next run drops them.
std::string CandidatesJson(const std::vector<pipeline::Artifact>& artifacts,
                           const std::map<std::string, pipeline::Decision>& decisions);

// {"candidate_id","status","value","decided_at"}
std::string DecisionJson(std::string_view candidate_id, const pipeline::Decision& d);

// {"decisions":[{"candidate_id","status","value","decided_at"}, ...]} sorted by candidate_id.
std::string DecisionsJson(const std::map<std::string, pipeline::Decision>& decisions);

// {"error": message}
std::string ErrorJson(std::string_view message);

// AppendJsonString, then < > & as \u003c \u003e \u0026.
void AppendSafeJsonString(std::string* out, std::string_view s);

}  // namespace rapport::review

#endif  // RAPPORT_REVIEW_CANDIDATES_JSON_H_
