// HashSet64: a set of 64-bit hashes in one flat array (open addressing,
// linear probing, at most three quarters full): 8 bytes per slot, so 10.7 to
// 21.3 bytes per entry, against ~40 for std::unordered_set's nodes. At three
// quarters full, linear probing's textbook estimate for a miss is
// (1 + 1/(1 - 0.75)^2) / 2 = 8.5 slots: about two cache lines. The dedup set
// of a run holds one entry per post read, so it is the one table that grows
// with the posts.
// Not synchronized.
#ifndef RAPPORT_PIPELINE_INTERNAL_HASH_SET64_H_
#define RAPPORT_PIPELINE_INTERNAL_HASH_SET64_H_

#include <cstddef>
#include <cstdint>
#include <vector>

namespace rapport::pipeline::internal {

class HashSet64 {
 public:
  // Returns true if `h` was not there yet.
  bool Insert(uint64_t h) {
    if (h == 0) {  // 0 marks an empty slot: the hash 0 is kept apart
      if (has_zero_) return false;
      has_zero_ = true;
      ++size_;
      return true;
    }
    if ((size_ + 1) * 4 > slots_.size() * 3) Grow();
    const size_t mask = slots_.size() - 1;
    for (size_t i = Mix(h) & mask;; i = (i + 1) & mask) {
      if (slots_[i] == h) return false;
      if (slots_[i] == 0) {
        slots_[i] = h;
        ++size_;
        return true;
      }
    }
  }
  size_t size() const { return size_; }
  // A hint for an Insert(h) soon after: starts loading the slot its probe
  // begins at (with a million entries, a cache miss). Changes nothing.
  void Prefetch(uint64_t h) const {
    if (h != 0 && !slots_.empty()) __builtin_prefetch(&slots_[Mix(h) & (slots_.size() - 1)]);
  }

 private:
  // The inputs are hashes already, but of a quality unknown here: mix the bits.
  static uint64_t Mix(uint64_t x) {
    x ^= x >> 33;
    x *= 0xff51afd7ed558ccdull;
    return x ^ (x >> 33);
  }
  void Grow() {
    std::vector<uint64_t> old;
    old.swap(slots_);
    slots_.assign(old.empty() ? 1024 : old.size() * 2, 0);
    const size_t mask = slots_.size() - 1;
    for (uint64_t h : old) {
      if (h == 0) continue;
      size_t i = Mix(h) & mask;
      while (slots_[i] != 0) i = (i + 1) & mask;
      slots_[i] = h;
    }
  }

  std::vector<uint64_t> slots_;  // power-of-two size
  size_t size_ = 0;               // with the hash 0, if inserted
  bool has_zero_ = false;
};

}  // namespace rapport::pipeline::internal

#endif  // RAPPORT_PIPELINE_INTERNAL_HASH_SET64_H_
