// DistinctCount: how many distinct 32-bit hashes were inserted, in memory
// bounded whatever the count: exact while there are at most kExact of them
// (the first two inline, then a doubling sorted array in the pool), then an
// estimate by linear counting over a kBits-bit bitmap (Whang, Vander-Zanden
// and Taylor, 1990: n ≈ -m·ln(zero bits / m)), which takes the exact array's
// room. 16 bytes inline, at most 64 in the pool.
//
// Why: the per-key and per-pair counts of distinct conversations were the
// one thing in the tables that kept growing with the posts when the topics
// did not (docs/PERFORMANCE.md, "Session 7"). Relative standard error of the
// estimate, sqrt(m·(e^t - t - 1)) / n with t = n / m: ~3% from 17 to 100,
// ~4% at 500, ~8% at 2,000; it saturates near m·ln(m) ≈ 3,200. An estimate
// is never below kExact + 1: it is made only once more than kExact distinct
// values came.
// Trivially destructible: the owner releases the pool, or calls Release().
// Not synchronized.
#ifndef RAPPORT_PIPELINE_INTERNAL_DISTINCT_COUNT_H_
#define RAPPORT_PIPELINE_INTERNAL_DISTINCT_COUNT_H_

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdint>
#include <cstring>

#include "pipeline/internal/pool_string.h"

namespace rapport::pipeline::internal {

class DistinctCount {
 public:
  static constexpr uint32_t kExact = 16;
  static constexpr uint32_t kBits = 512;

  DistinctCount() : inline_{} {}

  // Exact while exact(); else the estimate, rounded.
  uint32_t size() const {
    if (exact()) return size_;
    const double m = kBits, zeros = kBits - size_;
    if (zeros == 0) return Saturated();
    const double n = -m * std::log(zeros / m);
    return std::max<uint32_t>(kExact + 1, static_cast<uint32_t>(std::lround(n)));
  }
  bool exact() const { return cap_ != kSketch; }

  void Insert(Pool* pool, uint32_t h) {
    if (!exact()) return SetBit(h);
    uint32_t* d = Values();
    uint32_t* it = std::lower_bound(d, d + size_, h);
    if (it != d + size_ && *it == h) return;
    if (size_ == kExact) return ToSketch(pool, h);
    const size_t at = static_cast<size_t>(it - d);
    if (size_ == cap_) {
      const uint32_t ncap = cap_ * 2;
      auto* nd = static_cast<uint32_t*>(pool->allocate(ncap * sizeof(uint32_t), alignof(uint32_t)));
      std::memcpy(nd, d, at * sizeof(uint32_t));
      std::memcpy(nd + at + 1, d + at, (size_ - at) * sizeof(uint32_t));
      if (cap_ > kInline) pool->deallocate(heap_, cap_ * sizeof(uint32_t), alignof(uint32_t));
      heap_ = nd;
      cap_ = ncap;
      d = nd;
    } else {
      std::memmove(d + at + 1, d + at, (size_ - at) * sizeof(uint32_t));
    }
    d[at] = h;
    ++size_;
  }

  // Adds everything `from` counted (the union of the two).
  void Merge(Pool* pool, const DistinctCount& from) {
    if (from.exact()) {
      const uint32_t* v = from.Values();
      for (uint32_t i = 0; i < from.size_; ++i) Insert(pool, v[i]);
      return;
    }
    if (exact()) ToSketch(pool);
    for (uint32_t w = 0; w < kWords; ++w) bits_[w] |= from.bits_[w];
    size_ = SetBits();
  }

  void Release(Pool* pool) {
    if (!exact()) pool->deallocate(bits_, kWords * sizeof(uint64_t), alignof(uint64_t));
    else if (cap_ > kInline) pool->deallocate(heap_, cap_ * sizeof(uint32_t), alignof(uint32_t));
    size_ = 0;
    cap_ = kInline;
    inline_[0] = inline_[1] = 0;  // the inline array is the union's member again
  }

 private:
  static constexpr uint32_t kInline = 2;
  static constexpr uint32_t kSketch = UINT32_MAX;  // cap_ in sketch mode
  static constexpr uint32_t kWords = kBits / 64;
  static_assert(kExact * sizeof(uint32_t) >= kWords * sizeof(uint64_t), "the bitmap fits the exact array's room");
  static_assert((kExact & (kExact - 1)) == 0 && kExact >= kInline, "the array doubles up to kExact");

  static uint32_t Saturated() { return static_cast<uint32_t>(std::lround(kBits * std::log(double{kBits}))); }

  const uint32_t* Values() const { return cap_ > kInline ? heap_ : inline_; }
  uint32_t* Values() { return cap_ > kInline ? heap_ : inline_; }

  // The inputs are hashes of unknown quality (FNV-1a): a multiplicative mix,
  // then the top bits pick the bit.
  static uint32_t BitOf(uint32_t h) { return (h * 0x9E3779B1u) >> (32 - std::countr_zero(kBits)); }
  void SetBit(uint32_t h) {
    const uint32_t b = BitOf(h);
    const uint64_t mask = uint64_t{1} << (b % 64);
    if (bits_[b / 64] & mask) return;
    bits_[b / 64] |= mask;
    ++size_;
  }
  uint32_t SetBits() const {
    uint32_t n = 0;
    for (uint32_t w = 0; w < kWords; ++w) n += static_cast<uint32_t>(std::popcount(bits_[w]));
    return n;
  }

  // From the exact values to the bitmap, with `h` (if given) added.
  void ToSketch(Pool* pool) {
    const uint32_t n = size_;
    uint32_t values[kExact];
    std::copy_n(Values(), n, values);
    // Freed first: the bitmap can take the array's own block.
    if (cap_ > kInline) pool->deallocate(heap_, cap_ * sizeof(uint32_t), alignof(uint32_t));
    auto* bits = static_cast<uint64_t*>(pool->allocate(kWords * sizeof(uint64_t), alignof(uint64_t)));
    std::fill_n(bits, kWords, uint64_t{0});
    bits_ = bits;
    cap_ = kSketch;
    size_ = 0;
    for (uint32_t i = 0; i < n; ++i) SetBit(values[i]);
  }
  void ToSketch(Pool* pool, uint32_t h) {
    ToSketch(pool);
    SetBit(h);
  }

  uint32_t size_ = 0;        // exact: values held; sketch: bits set
  uint32_t cap_ = kInline;   // exact: room for values; kSketch: the bitmap is in use
  union {
    uint32_t inline_[kInline];
    uint32_t* heap_;   // exact, past kInline: sorted values
    uint64_t* bits_;   // sketch: kWords words
  };
};

}  // namespace rapport::pipeline::internal

#endif  // RAPPORT_PIPELINE_INTERNAL_DISTINCT_COUNT_H_
