// EvidenceBatch: fills many Evidence records from their EvidencePosts, reading
// the spilled ones back in one pass over the EvidenceSpill, in file order and
// blocks of a mebibyte, instead of one pread each (`strace -c`, 300k posts:
// 436,264 preads, 1.45 per post read, 89% of the time in system calls). The
// Finish() of the aggregator and of the thread tracker each collect theirs,
// shard by shard, and read them at the end.
//
// Add() fills what the record holds in memory at once (id and time; all of it
// when the record is not spilled) and defers the rest to ReadAll(). The
// Evidence it was given must stay at its address until then: an element of a
// std::vector<Evidence> that is moved along with its vector (an Artifact or a
// ThreadTopic moved into another vector) stays where it is; one whose vector
// is resized or copied does not.
//
// On a read error the records concerned are left without author, address and
// text, as EvidencePost::ToEvidence() leaves them; the spill keeps the error
// (EvidenceSpill::status()), which fails the run.
//
// Not thread-safe: one batch per task, then Append() them together.
//
// Example:
//   EvidenceBatch batch;
//   batch.Add(*post, &artifact.evidence[0]);  // id and created_at set now
//   batch.ReadAll(spill);                     // text, author_username, url set now
#ifndef RAPPORT_PIPELINE_EVIDENCE_BATCH_H_
#define RAPPORT_PIPELINE_EVIDENCE_BATCH_H_

#include <cstddef>
#include <cstdint>
#include <vector>

#include "pipeline/artifact.h"
#include "pipeline/evidence_post.h"
#include "pipeline/evidence_spill.h"

namespace rapport::pipeline {

class EvidenceBatch {
 public:
  // Fills *out from `post`: at once from memory, or (spilled) id and time at
  // once and the rest at ReadAll().
  void Add(const EvidencePost& post, Evidence* out);
  // Takes over `other`'s deferred records.
  void Append(EvidenceBatch&& other);
  // Records still to read.
  size_t pending() const { return requests_.size(); }
  // Reads every deferred record from `spill`, the spill their posts were made
  // with (null: they are left without author, address and text). Blocks are
  // read in parallel on the current TBB arena. The batch is empty afterwards.
  void ReadAll(const EvidenceSpill* spill);

 private:
  struct Request {
    uint64_t at = 0;  // in the spill: author, given address, text
    uint32_t text_size = 0;
    uint16_t user_size = 0, url_size = 0;
    bool url_derived = false;
    Evidence* out = nullptr;
    uint64_t end() const { return at + user_size + url_size + text_size; }
  };
  std::vector<Request> requests_;
};

}  // namespace rapport::pipeline

#endif  // RAPPORT_PIPELINE_EVIDENCE_BATCH_H_
