// AnalyseStage: parallel filter; runs the extractor over each post of a
// Batch with one Extractor (tokenizer buffers, stemmer) per worker thread.
// Reposts are not the author's words: they yield nothing.
#ifndef RAPPORT_PIPELINE_STAGES_ANALYSE_STAGE_H_
#define RAPPORT_PIPELINE_STAGES_ANALYSE_STAGE_H_

#include <tbb/enumerable_thread_specific.h>

#include "nlp/extractor.h"
#include "pipeline/aggregator.h"
#include "pipeline/stages/batch.h"

namespace rapport::pipeline {

class AnalyseStage {
 public:
  // *extractors must outlive the pipeline run.
  explicit AnalyseStage(tbb::enumerable_thread_specific<nlp::Extractor>* extractors) : extractors_(extractors) {}

  Batch* operator()(Batch* batch) const {
    nlp::Extractor& extractor = extractors_->local();
    const auto& posts = batch->parsed.posts;
    batch->occurrences.resize(posts.size());
    batch->status.assign(posts.size(), nlp::ExtractStatus::kEmpty);
    batch->prepared.resize(posts.size());
    nlp::PostInput input;
    for (size_t i = 0; i < posts.size(); ++i) {
      const Post& p = posts[i];
      if (p.is_repost) continue;
      input.text = p.text;
      input.lang = p.lang;
      input.created_at = p.created_at;
      input.mentions.clear();
      for (const UserRef& m : p.mentions) input.mentions.push_back(m.username);
      batch->status[i] = extractor.Extract(input, &batch->occurrences[i]);
    }
    // What aggregation needs from each post alone, done here in parallel.
    for (size_t i = 0; i < posts.size(); ++i) batch->prepared[i] = Aggregator::Prepare(posts[i], batch->occurrences[i]);
    return batch;
  }

 private:
  tbb::enumerable_thread_specific<nlp::Extractor>* extractors_;
};

}  // namespace rapport::pipeline

#endif  // RAPPORT_PIPELINE_STAGES_ANALYSE_STAGE_H_
