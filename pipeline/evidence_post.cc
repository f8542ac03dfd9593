#include "pipeline/evidence_post.h"

#include <algorithm>
#include <cstring>
#include <limits>
#include <new>

#include "pipeline/post_parser.h"

namespace rapport::pipeline {
namespace {

// The address X gives a post of this author and id (as PostUrl for an X post
// without an explicit address), into *url in one allocation.
void SetXPostUrl(std::string_view username, std::string_view id, std::string* url) {
  url->clear();
  if (id.empty()) return;
  constexpr std::string_view kSite = "https://x.com/", kNoUser = "i/web", kStatus = "/status/";
  url->reserve(kSite.size() + (username.empty() ? kNoUser.size() : username.size()) + kStatus.size() + id.size());
  url->append(kSite).append(username.empty() ? kNoUser : username).append(kStatus).append(id);
}

bool IsXPostUrl(std::string_view url, std::string_view username, std::string_view id) {
  std::string derived;
  SetXPostUrl(username, id, &derived);
  return url == derived;
}

}  // namespace

EvidenceRef EvidencePost::Of(const Post& post, EvidenceSpill* spill) {
  // Fields longer than a header's counters can say are cut (they never are in
  // practice: ids and names are short, texts at most a few thousand bytes).
  auto cut = [](std::string_view s, size_t max) { return s.substr(0, std::min(s.size(), max)); };
  constexpr size_t k16 = std::numeric_limits<uint16_t>::max();
  const std::string_view id = cut(post.id, k16), user = cut(post.author_username, k16);
  const std::string_view text = cut(post.text, std::numeric_limits<uint32_t>::max());
  // Without an address of its own, an X post's is derived (PostUrl), and any
  // other platform's is empty; only a given address is compared and kept.
  bool derived = post.platform == "x" || post.id.empty();
  std::string_view given;
  if (!post.url.empty()) {
    derived = IsXPostUrl(post.url, post.author_username, post.id);
    if (!derived) given = cut(post.url, k16);
  }

  const size_t kept = spill ? id.size() : id.size() + user.size() + given.size() + text.size();
  void* block = ::operator new(sizeof(EvidencePost) + kept);
  auto* e = new (block) EvidencePost();
  e->id_size_ = static_cast<uint16_t>(id.size());
  e->user_size_ = static_cast<uint16_t>(user.size());
  e->url_size_ = static_cast<uint16_t>(given.size());
  e->text_size_ = static_cast<uint32_t>(text.size());
  e->url_derived_ = derived;
  e->ts_ = post.created_at;
  char* out = reinterpret_cast<char*>(e + 1);
  if (!id.empty()) std::memcpy(out, id.data(), id.size());
  out += id.size();
  if (spill) {
    e->spilled_ = true;
    e->spill_at_ = spill->Append({user, given, text});
    return EvidenceRef(e);
  }
  for (std::string_view part : {user, given, text}) {
    if (!part.empty()) std::memcpy(out, part.data(), part.size());
    out += part.size();
  }
  return EvidenceRef(e);
}

void EvidencePost::Release() const {
  if (refs_.fetch_sub(1, std::memory_order_acq_rel) != 1) return;
  this->~EvidencePost();
  ::operator delete(const_cast<EvidencePost*>(this));
}

void EvidencePost::SetHead(Evidence* out) const {
  out->id.assign(id());
  out->created_at = FormatTimestamp(ts_);
}

void EvidencePost::ClearParts(Evidence* out) {
  out->author_username.clear();
  out->url.clear();
  out->text.clear();
}

Status EvidencePost::ToEvidence(const EvidenceSpill* spill, Evidence* out) const {
  SetHead(out);
  const size_t size = size_t{user_size_} + url_size_ + text_size_;
  std::string spilled;
  std::string_view rest(bytes() + id_size_, size);  // author, given address, text
  Status st;
  if (spilled_) {
    st = spill ? spill->Read(spill_at_, size, &spilled)
               : Status::Internal("evidence of post " + out->id + " is in a scratch file that was not given");
    rest = st.ok() ? std::string_view(spilled) : std::string_view();
  }
  if (!st.ok()) {
    ClearParts(out);
    return st;
  }
  SetParts(id(), rest, user_size_, url_size_, url_derived_, out);
  return Status::OK();
}

void EvidencePost::SetParts(std::string_view id, std::string_view parts, uint16_t user_size, uint16_t url_size,
                            bool url_derived, Evidence* out) {
  const std::string_view user = parts.substr(0, user_size);
  out->author_username.assign(user);
  if (url_derived) SetXPostUrl(user, id, &out->url);
  else out->url.assign(parts.substr(user_size, url_size));
  out->text.assign(parts.substr(size_t{user_size} + url_size));
}

}  // namespace rapport::pipeline
