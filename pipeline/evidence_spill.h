// EvidenceSpill: an append-only scratch file for the bytes of evidence posts
// (author, address, text), so that the tables keep only a post's id, time and
// where its bytes are, and memory does not grow with the texts of the posts
// kept as evidence. The file has no name (O_TMPFILE, or unlinked at once):
// it disappears when the run ends, however it ends.
//
// Appends are buffered and written in large blocks; a read of bytes still in
// the buffer is served from it, so reads and appends may interleave. Reads use
// pread, so the bytes read back count in the page cache, not in the process's
// memory.
//
// Thread-safe: Append() and Read() may be called from any thread at once.
// The first error (a full disk, say) is kept: status() reports it, later
// appends are dropped and reads of dropped bytes fail.
//
// Example:
//   auto spill = EvidenceSpill::Create("out");
//   uint64_t at = (*spill)->Append({"dana_rios", "My dog Rover"});
//   std::string bytes;
//   Status st = (*spill)->Read(at, 21, &bytes);  // "dana_riosMy dog Rover"
#ifndef RAPPORT_PIPELINE_EVIDENCE_SPILL_H_
#define RAPPORT_PIPELINE_EVIDENCE_SPILL_H_

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

#include "base/status.h"

namespace rapport::pipeline {

class EvidenceSpill {
 public:
  static constexpr size_t kDefaultBufferBytes = size_t{1} << 20;

  // An unnamed file in the existing folder `dir`.
  static Result<std::unique_ptr<EvidenceSpill>> Create(const std::string& dir,
                                                       size_t buffer_bytes = kDefaultBufferBytes);
  ~EvidenceSpill();
  EvidenceSpill(const EvidenceSpill&) = delete;
  EvidenceSpill& operator=(const EvidenceSpill&) = delete;

  // Appends the parts one after the other; returns where the first begins.
  uint64_t Append(std::initializer_list<std::string_view> parts);
  // The `size` bytes at `at` (from an earlier Append), into *out.
  Status Read(uint64_t at, size_t size, std::string* out) const;
  // The same into out[0, size): any span of the bytes appended, several
  // appends' worth, part in the file and part still in the buffer included.
  Status ReadInto(uint64_t at, size_t size, char* out) const;

  // OK, or the first write or read error.
  Status status() const;
  // Bytes appended so far.
  uint64_t size() const;

 private:
  EvidenceSpill(int fd, std::string dir, size_t buffer_bytes);
  // REQUIRES: mu_ held.
  void FlushLocked();
  // REQUIRES: mu_ held. Keeps `why` unless an error is kept already.
  void Fail(Status why) const;
  Status SystemError(const char* what, int err) const;

  const int fd_;
  const std::string dir_;  // for messages
  const size_t buffer_bytes_;
  mutable std::mutex mu_;
  std::string buffer_;                  // the bytes at [flushed_, flushed_ + buffer_.size())
  std::atomic<uint64_t> flushed_{0};    // bytes in the file: readable without the lock
  mutable std::atomic<bool> failed_{false};
  mutable Status error_;                // guarded by mu_
};

}  // namespace rapport::pipeline

#endif  // RAPPORT_PIPELINE_EVIDENCE_SPILL_H_
