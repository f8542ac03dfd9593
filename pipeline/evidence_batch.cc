#include "pipeline/evidence_batch.h"

#include <algorithm>
#include <string>
#include <string_view>

#include "pipeline/internal/shards.h"

namespace rapport::pipeline {
namespace {

// Records are read in blocks of the records that start in one 1 MiB span of
// the spill (a block reaches past its span for a record that crosses its end).
constexpr int kBlockBits = 20;

}  // namespace

void EvidenceBatch::Add(const EvidencePost& post, Evidence* out) {
  if (!post.spilled_) {
    (void)post.ToEvidence(nullptr, out);  // all in memory: cannot fail
    return;
  }
  post.SetHead(out);
  requests_.push_back({post.spill_at_, post.text_size_, post.user_size_, post.url_size_, post.url_derived_, out});
}

void EvidenceBatch::Append(EvidenceBatch&& other) {
  if (requests_.empty()) {
    requests_ = std::move(other.requests_);
  } else {
    requests_.insert(requests_.end(), other.requests_.begin(), other.requests_.end());
  }
  std::vector<Request>().swap(other.requests_);
}

void EvidenceBatch::ReadAll(const EvidenceSpill* spill) {
  std::vector<Request> requests;
  requests.swap(requests_);
  if (requests.empty()) return;
  if (!spill) {
    for (const Request& r : requests) EvidencePost::ClearParts(r.out);
    return;
  }
  // Into blocks by where they start (a counting sort: linear, and the order
  // within a block does not matter).
  uint64_t last_at = 0;
  for (const Request& r : requests) last_at = std::max(last_at, r.at);
  const size_t blocks = static_cast<size_t>(last_at >> kBlockBits) + 1;
  std::vector<uint32_t> first(blocks + 1, 0);  // block b's requests are order[first[b], first[b + 1])
  for (const Request& r : requests) ++first[(r.at >> kBlockBits) + 1];
  for (size_t b = 0; b < blocks; ++b) first[b + 1] += first[b];
  std::vector<uint32_t> order(requests.size());
  {
    std::vector<uint32_t> next(first.begin(), first.end() - 1);
    for (uint32_t i = 0; i < requests.size(); ++i) order[next[requests[i].at >> kBlockBits]++] = i;
  }
  internal::ForEachShard(blocks, [&](size_t b) {
    if (first[b] == first[b + 1]) return;
    uint64_t lo = UINT64_MAX, hi = 0;
    for (uint32_t k = first[b]; k < first[b + 1]; ++k) {
      lo = std::min(lo, requests[order[k]].at);
      hi = std::max(hi, requests[order[k]].end());
    }
    std::string bytes(static_cast<size_t>(hi - lo), '\0');
    // Should the block fail (bytes dropped after a write error), each record
    // is read alone: those written before the error are still there.
    const bool whole = spill->ReadInto(lo, bytes.size(), bytes.data()).ok();
    for (uint32_t k = first[b]; k < first[b + 1]; ++k) {
      const Request& r = requests[order[k]];
      std::string_view parts;
      if (whole) {
        parts = std::string_view(bytes.data() + (r.at - lo), static_cast<size_t>(r.end() - r.at));
      } else if (spill->ReadInto(r.at, static_cast<size_t>(r.end() - r.at), bytes.data()).ok()) {
        parts = std::string_view(bytes.data(), static_cast<size_t>(r.end() - r.at));
      } else {
        EvidencePost::ClearParts(r.out);
        continue;
      }
      EvidencePost::SetParts(r.out->id, parts, r.user_size, r.url_size, r.url_derived, r.out);
    }
  });
}

}  // namespace rapport::pipeline
