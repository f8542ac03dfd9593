// Aggregator: per-person, per-key statistics over the stream of analysed
// posts, then scoring against the background of everyone else.
//
// For each person and (category, key): mentions, distinct days, distinct
// conversations, distinct interlocutors, first/last seen, up to N evidence
// posts (those that state it most strongly, earliest first among equals), the
// display value and polarity. Memory grows with
// people x keys, not with posts: evidence texts are shared between keys.
//
// Not thread-safe: the pipeline calls Add() from its serial_in_order stage,
// so the result does not depend on the number of threads.
#ifndef RAPPORT_PIPELINE_AGGREGATOR_H_
#define RAPPORT_PIPELINE_AGGREGATOR_H_

#include <cstdint>
#include <memory>
#include <string>
#include <unordered_set>
#include <vector>

#include "nlp/extractor.h"
#include "pipeline/artifact.h"
#include "pipeline/post.h"

namespace rapport::pipeline {

struct AggregateOptions {
  int evidence = 3;  // Default: 3 evidence posts per candidate.
  int top_k = 10;    // Default: 10 candidates per person.
  // Candidates never to propose again (rejected by an analyst). Default: none.
  std::unordered_set<std::string> excluded;
};

// A post's evidence record, shared by every key the post backs. What export
// can derive is not stored per post: the time's text comes from `ts`, and the
// web address, when it has the usual X form, from the author and the id.
struct EvidencePost {
  std::string id, text, author_username;
  int64_t ts = 0;
  bool url_derived = false;  // Url() is the X address built from author_username and id
  std::string url_given;     // otherwise PostUrl(post) as it was

  // The record of `post` (Url() == PostUrl(post), CreatedAt() == FormatTimestamp(post.created_at)).
  static std::shared_ptr<const EvidencePost> Of(const Post& post);
  std::string Url() const;
  std::string CreatedAt() const;  // ISO 8601 UTC
};

// What Add() needs from one post that depends on that post alone, so the
// pipeline computes it in its parallel stage and the serial Add() only
// updates the tables: the evidence record, the merge keys, the day,
// conversation and interlocutors.
struct PreparedPost {
  std::shared_ptr<const EvidencePost> evidence;  // null when nothing was extracted
  std::vector<std::string> keys;                 // per occurrence: category + '|' + key
  std::string author_key;                        // platform + ':' + id
  int32_t day = 0;
  uint64_t conversation = 0;
  std::vector<uint64_t> partners;                // hashes of the people replied to or mentioned
};

class Aggregator {
 public:
  // Thread-safe (a pure function of its arguments).
  static PreparedPost Prepare(const Post& post, const std::vector<nlp::Occurrence>& occurrences);

  explicit Aggregator(AggregateOptions options);
  ~Aggregator();
  Aggregator(const Aggregator&) = delete;
  Aggregator& operator=(const Aggregator&) = delete;

  // Records `post` and what was extracted from it.
  void Add(const Post& post, const std::vector<nlp::Occurrence>& occurrences) {
    Add(post, occurrences, Prepare(post, occurrences));
  }
  // REQUIRES: `prepared` is Prepare(post, occurrences).
  void Add(const Post& post, const std::vector<nlp::Occurrence>& occurrences, const PreparedPost& prepared);

  // Scores every (person, key) and returns each person's top_k, sorted by
  // person (platform, id), then score descending, then candidate_id.
  std::vector<Artifact> Finish() const;

  uint64_t people() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Stable 16-hex-digit id of a candidate (FNV-1a 64 of the parts joined by '\x1f').
std::string CandidateId(const std::string& platform, const std::string& person_id, const std::string& category,
                        const std::string& key);

}  // namespace rapport::pipeline

#endif  // RAPPORT_PIPELINE_AGGREGATOR_H_
