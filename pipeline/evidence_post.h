// EvidencePost: the part of a post that the tables keep as evidence, shared
// by every key and thread topic the post backs (up to a few million of them
// are alive at the end of a large run, so each is one compact allocation).
// What export can derive is not stored: the time's text comes from ts(), and
// the web address, when it has the usual X form, from the author and the id.
//
// EvidenceRef: a counted reference to one (8 bytes; the count is atomic, so
// references may be copied and dropped on any thread).
//
// Example:
//   EvidenceRef e = EvidencePost::Of(post);
//   e->id();   // "1800000000000000001"
//   e->Url();  // "https://x.com/dana_rios/status/1800000000000000001" (== PostUrl(post))
#ifndef RAPPORT_PIPELINE_EVIDENCE_POST_H_
#define RAPPORT_PIPELINE_EVIDENCE_POST_H_

#include <atomic>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>

#include "pipeline/post.h"

namespace rapport::pipeline {

class EvidenceRef;

class EvidencePost {
 public:
  // The record of `post` (Url() == PostUrl(post), CreatedAt() == FormatTimestamp(post.created_at)).
  static EvidenceRef Of(const Post& post);

  std::string_view id() const { return {bytes(), id_size_}; }
  std::string_view author_username() const { return {bytes() + id_size_, user_size_}; }
  std::string_view text() const { return {bytes() + id_size_ + user_size_ + url_size_, text_size_}; }
  int64_t ts() const { return ts_; }
  std::string Url() const;
  std::string CreatedAt() const;  // ISO 8601 UTC

  EvidencePost(const EvidencePost&) = delete;
  EvidencePost& operator=(const EvidencePost&) = delete;

 private:
  friend class EvidenceRef;
  EvidencePost() = default;
  // id, author_username, url (only when not derived), text: right after the header.
  const char* bytes() const { return reinterpret_cast<const char*>(this + 1); }
  std::string_view url_given() const { return {bytes() + id_size_ + user_size_, url_size_}; }
  void Release() const;

  mutable std::atomic<uint32_t> refs_{1};
  uint32_t text_size_ = 0;
  uint16_t id_size_ = 0, user_size_ = 0, url_size_ = 0;
  bool url_derived_ = false;
  int64_t ts_ = 0;
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
