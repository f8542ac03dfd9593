// AnalyseStage: parallel filter; runs the extractor over each post of a
// Batch with one Extractor (tokenizer buffers, stemmer) per worker thread.
// Reposts are not the author's words: they yield nothing. Occurrences in a
// sensitive category (nlp/sensitive.h) not allowed by --allow-sensitive are
// dropped here, before anything stores or aggregates them.
#ifndef RAPPORT_PIPELINE_STAGES_ANALYSE_STAGE_H_
#define RAPPORT_PIPELINE_STAGES_ANALYSE_STAGE_H_

#include <algorithm>
#include <cstdint>

#include <tbb/enumerable_thread_specific.h>

#include "nlp/extractor.h"
#include "nlp/sensitive.h"
#include "nlp/sensitive_memo.h"
#include "pipeline/aggregator.h"
#include "pipeline/stages/batch.h"

namespace rapport::pipeline {

class AnalyseStage {
 public:
  // *extractors, *memos, and `spill` (may be null: see
  // AggregateOptions::spill), must outlive the pipeline run.
  AnalyseStage(tbb::enumerable_thread_specific<nlp::Extractor>* extractors,
               tbb::enumerable_thread_specific<nlp::SensitiveMemo>* memos, nlp::SensitiveSet allowed,
               EvidenceSpill* spill = nullptr)
      : extractors_(extractors), memos_(memos), allowed_(allowed), spill_(spill) {}

  Batch* operator()(Batch* batch) const {
    nlp::Extractor& extractor = extractors_->local();
    const auto& posts = batch->parsed.posts;
    batch->occurrences.resize(posts.size());
    batch->status.assign(posts.size(), nlp::ExtractStatus::kEmpty);
    batch->prepared.resize(posts.size());
    batch->withheld.assign(posts.size(), 0);
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
      if (allowed_ != nlp::kAllSensitive) batch->withheld[i] = Withhold(&batch->occurrences[i], &memos_->local());
    }
    // What aggregation needs from each post alone, done here in parallel.
    for (size_t i = 0; i < posts.size(); ++i) batch->prepared[i] = Aggregator::Prepare(posts[i], batch->occurrences[i], spill_);
    return batch;
  }

 private:
  // Drops the occurrences in a sensitive category that is not allowed; returns how many.
  uint16_t Withhold(std::vector<nlp::Occurrence>* occ, nlp::SensitiveMemo* memo) const {
    const size_t before = occ->size();
    std::erase_if(*occ, [&](const nlp::Occurrence& o) {
      const nlp::SensitiveKind k = memo->Classify(o.key, o.value);
      return k != nlp::SensitiveKind::kNone && (allowed_ & nlp::SensitiveBit(k)) == 0;
    });
    return static_cast<uint16_t>(std::min<size_t>(before - occ->size(), UINT16_MAX));
  }

  tbb::enumerable_thread_specific<nlp::Extractor>* extractors_;
  tbb::enumerable_thread_specific<nlp::SensitiveMemo>* memos_;
  nlp::SensitiveSet allowed_;
  EvidenceSpill* spill_;
};

}  // namespace rapport::pipeline

#endif  // RAPPORT_PIPELINE_STAGES_ANALYSE_STAGE_H_
