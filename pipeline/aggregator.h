// Aggregator: per-person, per-key statistics over the stream of analysed
// posts, then scoring against the background of everyone else.
//
// For each person and (category, key): mentions, distinct days, distinct
// conversations, distinct interlocutors, first/last seen, up to N evidence
// posts (those that state it most strongly, earliest first among equals), the
// display value and polarity. Memory grows with
// people x keys, not with posts: evidence texts are shared between keys.
//
// The tables are split into kShards shards by person. AddShard() calls for
// different shards may run concurrently; the calls for one shard must be made
// one at a time, in input order. Each person's statistics then see the posts
// in input order whatever the number of threads, so the result does not depend
// on it. Add() and Finish() are not thread-safe.
#ifndef RAPPORT_PIPELINE_AGGREGATOR_H_
#define RAPPORT_PIPELINE_AGGREGATOR_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "nlp/extractor.h"
#include "pipeline/artifact.h"
#include "pipeline/evidence_post.h"
#include "pipeline/post.h"

namespace rapport::pipeline {

struct AggregateOptions {
  int evidence = 3;  // Default: 3 evidence posts per candidate.
  int top_k = 10;    // Default: 10 candidates per person.
  // Candidates never to propose again (rejected by an analyst). Default: none.
  std::unordered_set<std::string> excluded;
  // Default: false: a candidate with less evidence than one first-person
  // statement (a lone impersonal, negated, hypothetical or second-hand
  // mention of a plain topic) is not proposed. True keeps it, ranked below
  // every other (for exporting facts an analyst accepted earlier).
  bool keep_weak = false;
  // Default: none (evidence texts kept in memory). Where the records made by
  // Add() keep their evidence texts, and where Finish() reads them back.
  // REQUIRES: every PreparedPost passed in was made by Prepare() with this
  // same spill (or with none, if this is none): Finish() reads a record's
  // bytes from this spill (a read error is kept in its status()). Not owned;
  // must outlive Finish().
  EvidenceSpill* spill = nullptr;
};

// What Add() needs from one post that depends on that post alone, so the
// pipeline computes it in its parallel stage and the serial Add() only
// updates the tables: the evidence record, the merge keys, the day,
// conversation and interlocutors.
struct PreparedPost {
  EvidenceRef evidence;                          // null when nothing was extracted
  uint32_t evidence_id_hash = 0;                 // Fnv1a32 of evidence->id(): evidence slots compare it first
  // Per occurrence: category + '|' + key (key(i)), back to back in one
  // buffer, and its Fnv1a32 (key_hash(i)), which both tables index by.
  std::string key_bytes;
  struct KeyRef {
    uint32_t end = 0;   // of the key in key_bytes
    uint32_t hash = 0;  // Fnv1a32 of the key
  };
  std::vector<KeyRef> key_refs;
  std::string_view key(size_t i) const {
    const uint32_t begin = i ? key_refs[i - 1].end : 0;
    return std::string_view(key_bytes).substr(begin, key_refs[i].end - begin);
  }
  uint32_t key_hash(size_t i) const { return key_refs[i].hash; }
  uint32_t post_id_hash = 0;                     // Fnv1a32 of the post's id: breaks ties in time
  uint64_t dedup_key = 0;                        // DedupKey(post): the run's duplicate check
  std::string author_key;                        // platform + ':' + id
  uint8_t author_shard = 0;                      // Aggregator shard of the author
  std::vector<uint8_t> shards;                   // per occurrence: shard of whose fact it is, or kNoShard
  uint16_t aggregator_shards = 0;                // bit s: Aggregator::AddShard(s) has work (author or a fact)
  // For the ThreadTracker, whose tables are sharded the same way: the shard of
  // each mentioned person (kNoShard without an id), of the person replied to,
  // and of the pair (author, person replied to); kNoShard when not a reply.
  std::vector<uint8_t> mention_shards;
  uint8_t reply_shard = 0xFF, pair_shard = 0xFF;
  uint16_t tracker_shards = 0;                   // bit s: ThreadTracker::AddShard(s) has work
  int32_t day = 0;
  uint32_t conversation = 0;                     // Fnv1a32 of the conversation id (the post's id without one)
  std::vector<uint32_t> partners;                // hashes of the people replied to or mentioned
};

class Aggregator {
 public:
  static constexpr size_t kShards = 16;  // fixed: the result must not depend on the thread count (<= 16: a bit mask)
  static constexpr uint8_t kNoShard = 0xFF;
  // The shard of a person's key (platform + ':' + id).
  static size_t PersonShard(std::string_view person_key);
  // A 64-bit hash of (platform, id): what a run tells duplicate posts by.
  static uint64_t DedupKey(const Post& post);

  // Thread-safe (a function of its arguments; appends to `spill`, which may be
  // null: see AggregateOptions::spill).
  static PreparedPost Prepare(const Post& post, const std::vector<nlp::Occurrence>& occurrences,
                              EvidenceSpill* spill = nullptr);

  explicit Aggregator(AggregateOptions options);
  ~Aggregator();
  Aggregator(const Aggregator&) = delete;
  Aggregator& operator=(const Aggregator&) = delete;

  // Records `post` and what was extracted from it.
  void Add(const Post& post, const std::vector<nlp::Occurrence>& occurrences);
  // REQUIRES: `prepared` is Prepare(post, occurrences, options.spill).
  void Add(const Post& post, const std::vector<nlp::Occurrence>& occurrences, const PreparedPost& prepared);
  // The part of Add() that falls in shard `shard` (< kShards): the author's
  // names if the author is there, and the facts about the people there.
  void AddShard(size_t shard, const Post& post, const std::vector<nlp::Occurrence>& occurrences,
                const PreparedPost& prepared);
  // The same for a run of posts, in input order: as many AddShard() calls,
  // but the cache misses of neighbouring posts' updates overlap.
  struct PostRef {
    const Post* post;
    const std::vector<nlp::Occurrence>* occurrences;
    const PreparedPost* prepared;  // Prepare(*post, *occurrences, options.spill)
  };
  void AddShard(size_t shard, std::span<const PostRef> posts);

  // Scores every (person, key) and returns each person's top_k, sorted by
  // person (platform, id), then score descending, then candidate_id. Runs
  // the shards in parallel on the current TBB arena and frees each shard's
  // tables once it is scored: call it once, last. Evidence that cannot be
  // read back from the spill is left without text; the spill's status() then
  // says why.
  std::vector<Artifact> Finish();

  uint64_t people() const;
  // (person, key) records: what the tables grow with (docs/PERFORMANCE.md).
  uint64_t keys() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Stable 16-hex-digit id of a candidate (FNV-1a 64 of the parts joined by '\x1f').
std::string CandidateId(const std::string& platform, const std::string& person_id, const std::string& category,
                        const std::string& key);

// How many distinct people (platform, id) the artifacts are about, in any
// order (cheapest when each person's artifacts are together, as Finish()
// returns them).
size_t CountPeople(const std::vector<Artifact>& artifacts);

}  // namespace rapport::pipeline

#endif  // RAPPORT_PIPELINE_AGGREGATOR_H_
