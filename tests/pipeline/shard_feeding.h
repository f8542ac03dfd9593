// Test helpers for the sharded tables (Aggregator, ThreadTracker): posts with
// what was extracted from them, fed to every shard from plain std::threads.
#ifndef RAPPORT_TESTS_PIPELINE_SHARD_FEEDING_H_
#define RAPPORT_TESTS_PIPELINE_SHARD_FEEDING_H_

#include <thread>
#include <utility>
#include <vector>

#include "pipeline/aggregator.h"

namespace rapport::pipeline {

using PostsWithOccurrences = std::vector<std::pair<Post, std::vector<nlp::Occurrence>>>;

// Feeds `posts` to all of `table`'s shards from four plain threads at once,
// each owning every fourth shard and giving it the posts in order. Under
// ThreadSanitizer (.ci/sanitize) this checks that shards share nothing but
// read-only inputs and the evidence records' atomic counts.
template <typename Table>
void FeedShardsFromFourThreads(Table* table, const PostsWithOccurrences& posts, const std::vector<PreparedPost>& prepared) {
  std::vector<std::thread> workers;
  for (size_t w = 0; w < 4; ++w)
    workers.emplace_back([&, w] {
      for (size_t s = w; s < Aggregator::kShards; s += 4)
        for (size_t i = 0; i < posts.size(); ++i) table->AddShard(s, posts[i].first, posts[i].second, prepared[i]);
    });
  for (std::thread& t : workers) t.join();
}

}  // namespace rapport::pipeline

#endif  // RAPPORT_TESTS_PIPELINE_SHARD_FEEDING_H_
