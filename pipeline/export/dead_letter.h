// DeadLetterWriter: the file where records that could not be used go, with
// their origin and reason, so nothing is silently lost.
//
// deadletter.jsonl, one JSON object per line:
//   {"origin":"data/in.jsonl:7","reason":"invalid JSON: TAPE_ERROR ...","raw":"<the record>"}
// `raw` holds the record's bytes when they are valid UTF-8 (truncated to
// max_raw_bytes with "raw_truncated":true); otherwise "raw_base64" holds them.
// Written through AtomicFile: Commit() at the end of the run.
// Not thread-safe: the pipeline writes it from its serial stage.
#ifndef RAPPORT_PIPELINE_EXPORT_DEAD_LETTER_H_
#define RAPPORT_PIPELINE_EXPORT_DEAD_LETTER_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "base/status.h"

namespace rapport::pipeline {

class AtomicFile;

class DeadLetterWriter {
 public:
  // Default max_raw_bytes: 1 MiB.
  explicit DeadLetterWriter(std::string path, uint64_t max_raw_bytes = 1 << 20);
  ~DeadLetterWriter();
  Status Open();
  Status Write(std::string_view origin, std::string_view reason, std::string_view raw);
  Status Commit();
  uint64_t count() const { return count_; }

 private:
  std::unique_ptr<AtomicFile> file_;
  uint64_t max_raw_bytes_;
  uint64_t count_ = 0;
  std::string line_;
};

}  // namespace rapport::pipeline

#endif  // RAPPORT_PIPELINE_EXPORT_DEAD_LETTER_H_
