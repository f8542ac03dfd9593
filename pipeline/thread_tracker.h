// ThreadTracker: what pairs of people talked about together.
//
// Fed from the aggregate stage with every post and its occurrences.
// A pair is two people who replied to each other (at least one reply each
// way). Its topics are the keys extracted from the posts they exchanged.
// Sharded like the Aggregator (by person, and by pair): AddShard() calls for
// different shards may run concurrently, the calls for one shard one at a
// time in input order. Add() and Finish() are not thread-safe. Results do not
// depend on arrival order.
#ifndef RAPPORT_PIPELINE_THREAD_TRACKER_H_
#define RAPPORT_PIPELINE_THREAD_TRACKER_H_

#include <memory>
#include <string>
#include <unordered_set>
#include <vector>

#include "nlp/extractor.h"
#include "pipeline/aggregator.h"
#include "pipeline/post.h"
#include "pipeline/relations.h"

namespace rapport::pipeline {

struct ThreadOptions {
  int topics = 5;       // Default: 5 topics per pair.
  int quiet_days = 30;  // Default: 30. A pair quiet longer than this gets an opener.
  // Default: 200,000. One-way pairs (one replied, the other not yet) kept at
  // most, split evenly over the shards; past a shard's share the least
  // recently active quarter of its one-way pairs is dropped, so memory is
  // bounded whatever the number of posts. Mutual pairs are always kept.
  int max_one_way_pairs = 200'000;
  // Candidate ids (CandidateId) the analyst rejected: a topic that is a
  // rejected candidate of either person is not shown for the pair.
  std::unordered_set<std::string> excluded;
  // Default: none. As AggregateOptions::spill: where the evidence records
  // this tracker makes keep their texts, and where Finish() reads back those
  // of every record it was given. Not owned; must outlive Finish().
  EvidenceSpill* spill = nullptr;
};

class ThreadTracker {
 public:
  explicit ThreadTracker(ThreadOptions options);
  ~ThreadTracker();
  ThreadTracker(const ThreadTracker&) = delete;
  ThreadTracker& operator=(const ThreadTracker&) = delete;

  // `prepared` (may be null) shares the evidence record the Aggregator built.
  // Posts are counted as given: the caller removes duplicates.
  void Add(const Post& post, const std::vector<nlp::Occurrence>& occurrences, const PreparedPost* prepared = nullptr);
  // The part of Add() that falls in shard `shard` (< Aggregator::kShards).
  // REQUIRES: `prepared` is Aggregator::Prepare(post, occurrences, options.spill).
  void AddShard(size_t shard, const Post& post, const std::vector<nlp::Occurrence>& occurrences,
                const PreparedPost& prepared);

  // Pairs that replied to each other, sorted by (a, b). Runs the shards in
  // parallel on the current TBB arena and frees each shard's pairs once they
  // are built: call it once, last.
  std::vector<CommonThread> Finish();

  // Pairs kept (mutual and one-way), and their (pair, topic) records.
  uint64_t pairs() const;
  uint64_t topics() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// People who share a distinctive key among their top candidates and have no
// common thread. A key is distinctive when 2 to min(20, max(5, people/100))
// people have it; rarer keys are linked first and each person gets at most 5
// links, so the output grows with the number of people, not of pairs. Names,
// places, jobs, schools, hobbies, sports and topics (not pets, family or
// dates). Sorted by key, then pair.
std::vector<Connection> FindConnections(const std::vector<Artifact>& artifacts,
                                        const std::vector<CommonThread>& threads);

}  // namespace rapport::pipeline

#endif  // RAPPORT_PIPELINE_THREAD_TRACKER_H_
