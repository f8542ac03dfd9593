// ParseStage: parallel filter; parses a Batch's documents into posts with one
// PostParser (one simdjson parser) per worker thread.
#ifndef RAPPORT_PIPELINE_STAGES_PARSE_STAGE_H_
#define RAPPORT_PIPELINE_STAGES_PARSE_STAGE_H_

#include <tbb/enumerable_thread_specific.h>

#include "pipeline/post_parser.h"
#include "pipeline/stages/batch.h"

namespace rapport::pipeline {

class ParseStage {
 public:
  // *parsers must outlive the pipeline run.
  explicit ParseStage(tbb::enumerable_thread_specific<PostParser>* parsers) : parsers_(parsers) {}

  Batch* operator()(Batch* batch) const {
    PostParser& parser = parsers_->local();
    for (const connectors::RawDoc& doc : batch->docs) parser.Parse(doc, &batch->parsed);
    batch->docs.clear();
    batch->docs.shrink_to_fit();  // release the raw bytes early
    return batch;
  }

 private:
  tbb::enumerable_thread_specific<PostParser>* parsers_;
};

}  // namespace rapport::pipeline

#endif  // RAPPORT_PIPELINE_STAGES_PARSE_STAGE_H_
