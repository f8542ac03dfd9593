// EvidencePost: the part of a post that the tables keep as evidence, shared
// by every key and thread topic the post backs (up to a few million of them
// are alive at the end of a large run, so each is one compact allocation).
// What export can derive is not stored: the time's text comes from ts(), and
// the web address, when it has the usual X form, from the author and the id.
// Made with an EvidenceSpill, a record keeps only its id and time in memory
// (what the tables compare); the author, a given address and the text go to
// the spill and are read back for the evidence exported: one by ToEvidence(),
// many at once by an EvidenceBatch (pipeline/evidence_batch.h).
//
// EvidenceRef: a counted reference to one (8 bytes; the count is atomic, so
// references may be copied and dropped on any thread).
//
// Example:
//   EvidenceRef e = EvidencePost::Of(post, spill);  // spill may be null: all in memory
//   e->id();                                        // "1800000000000000001"
//   Evidence out;
//   Status st = e->ToEvidence(spill, &out);         // out.url == PostUrl(post), out.text == post.text
#ifndef RAPPORT_PIPELINE_EVIDENCE_POST_H_
#define RAPPORT_PIPELINE_EVIDENCE_POST_H_

#include <atomic>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>

#include "base/status.h"
#include "pipeline/artifact.h"
#include "pipeline/evidence_spill.h"
#include "pipeline/post.h"

namespace rapport::pipeline {

class EvidenceRef;

class EvidencePost {
 public:
  // The record of `post`. With a spill, the author, a given address and the
  // text are appended to it; without one (null) they are kept in the record.
  static EvidenceRef Of(const Post& post, EvidenceSpill* spill = nullptr);

  std::string_view id() const { return {bytes(), id_size_}; }
  int64_t ts() const { return ts_; }
  bool spilled() const { return spilled_; }
  // What export shows of the post: id, url (== PostUrl(post)), created_at
  // (== FormatTimestamp(post.created_at)), text and author. A spilled record
  // reads its bytes back from `spill`, which must be the spill given to Of();
  // on a read error the text, author and address are left empty.
  Status ToEvidence(const EvidenceSpill* spill, Evidence* out) const;

  EvidencePost(const EvidencePost&) = delete;
  EvidencePost& operator=(const EvidencePost&) = delete;

 private:
  friend class EvidenceRef;
  friend class EvidenceBatch;  // reads spilled records in bulk
  EvidencePost() = default;
  // Sets out's id and created_at, what the record keeps in memory in any case.
  void SetHead(Evidence* out) const;
  // Sets out's author, url and text from `parts` (author, given address,
  // text, back to back). `id` is the post's, for a derived address.
  static void SetParts(std::string_view id, std::string_view parts, uint16_t user_size, uint16_t url_size,
                       bool url_derived, Evidence* out);
  // Empties out's author, url and text: their bytes could not be read.
  static void ClearParts(Evidence* out);
  // id, then (unless spilled) author_username, url (only when not derived),
  // text: right after the header. Spilled, those three are at spill_at_.
  const char* bytes() const { return reinterpret_cast<const char*>(this + 1); }
  void Release() const;

  mutable std::atomic<uint32_t> refs_{1};
  uint32_t text_size_ = 0;
  uint16_t id_size_ = 0, user_size_ = 0, url_size_ = 0;
  bool url_derived_ = false;
  bool spilled_ = false;
  int64_t ts_ = 0;
  uint64_t spill_at_ = 0;
};

class EvidenceRef {
 public:
  EvidenceRef() = default;
  EvidenceRef(const EvidenceRef& o) : p_(o.p_) {
    if (p_) p_->refs_.fetch_add(1, std::memory_order_relaxed);
  }
  EvidenceRef(EvidenceRef&& o) noexcept : p_(std::exchange(o.p_, nullptr)) {}
  EvidenceRef& operator=(EvidenceRef o) noexcept {
    std::swap(p_, o.p_);
    return *this;
  }
  ~EvidenceRef() {
    if (p_) p_->Release();
  }

  const EvidencePost* get() const { return p_; }
  const EvidencePost& operator*() const { return *p_; }
  const EvidencePost* operator->() const { return p_; }
  explicit operator bool() const { return p_ != nullptr; }

 private:
  friend class EvidencePost;
  explicit EvidenceRef(const EvidencePost* p) : p_(p) {}
  const EvidencePost* p_ = nullptr;
};

}  // namespace rapport::pipeline

#endif  // RAPPORT_PIPELINE_EVIDENCE_POST_H_
