// ReadStage: the serial_in_order input filter. Drains the sources in order
// into Batches of at most kMaxDocs documents or kMaxBytes bytes, so memory in
// flight is bounded by (tokens x kMaxBytes).
#ifndef RAPPORT_PIPELINE_STAGES_READ_STAGE_H_
#define RAPPORT_PIPELINE_STAGES_READ_STAGE_H_

#include <memory>
#include <vector>

#include <tbb/parallel_pipeline.h>

#include "connectors/source.h"
#include "pipeline/stages/batch.h"

namespace rapport::pipeline {

class ReadStage {
 public:
  static constexpr size_t kMaxDocs = 32;
  static constexpr uint64_t kMaxBytes = 1u << 20;

  // *sources and *failed must outlive the pipeline run. The first source
  // error is stored in *failed; the other sources are still read.
  ReadStage(std::vector<std::unique_ptr<connectors::Source>>* sources, Status* failed)
      : sources_(sources), failed_(failed) {}

  Batch* operator()(tbb::flow_control& fc) const {
    auto batch = std::make_unique<Batch>();
    while (batch->docs.size() < kMaxDocs && batch->bytes < kMaxBytes && *index_ < sources_->size()) {
      connectors::Source& src = *(*sources_)[*index_];
      connectors::RawDoc doc;
      if (src.Next(&doc)) {
        batch->bytes += doc.bytes.capacity();  // what it holds, not only what it uses
        batch->docs.push_back(std::move(doc));
        continue;
      }
      if (!src.status().ok() && failed_->ok()) *failed_ = src.status();
      ++*index_;
    }
    if (batch->docs.empty()) {
      fc.stop();
      return nullptr;
    }
    return batch.release();
  }

 private:
  std::vector<std::unique_ptr<connectors::Source>>* sources_;
  Status* failed_;
  std::shared_ptr<size_t> index_ = std::make_shared<size_t>(0);  // operator() is const (TBB requirement)
};

}  // namespace rapport::pipeline

#endif  // RAPPORT_PIPELINE_STAGES_READ_STAGE_H_
