// Batch: the unit that flows through the TBB pipeline: a few raw documents,
// then their posts, then what was extracted from each post.
// Owned by one stage at a time; not synchronized.
#ifndef RAPPORT_PIPELINE_STAGES_BATCH_H_
#define RAPPORT_PIPELINE_STAGES_BATCH_H_

#include <vector>

#include "connectors/raw_doc.h"
#include "nlp/extractor.h"
#include "pipeline/aggregator.h"
#include "pipeline/post_parser.h"

namespace rapport::pipeline {

struct Batch {
  std::vector<connectors::RawDoc> docs;
  uint64_t bytes = 0;
  ParsedDoc parsed;
  std::vector<std::vector<nlp::Occurrence>> occurrences;  // per parsed.posts[i]
  std::vector<nlp::ExtractStatus> status;                 // per parsed.posts[i]
  std::vector<PreparedPost> prepared;                     // per parsed.posts[i]: Aggregator::Prepare
  std::vector<uint16_t> withheld;                         // per parsed.posts[i]: sensitive occurrences dropped
};

}  // namespace rapport::pipeline

#endif  // RAPPORT_PIPELINE_STAGES_BATCH_H_
