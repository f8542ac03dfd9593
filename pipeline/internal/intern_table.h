// InternTable: one copy of each distinct string, in a memory pool, found by a
// hash the caller has computed already (open addressing, linear probing, at
// most three quarters full; a slot keeps the hash and size beside the
// pointer, so a probe reads another string's bytes only when both match).
// The ThreadTracker interns every pair topic's name through one per shard:
// a lookup per new (pair, topic), about 1.6 per post.
// Not synchronized.
//
// Example:
//   InternTable names(&pool);
//   const char* a = names.Intern("topic|chess", Fnv1a32("topic|chess"));
//   names.Intern("topic|chess", Fnv1a32("topic|chess")) == a;  // true
#ifndef RAPPORT_PIPELINE_INTERNAL_INTERN_TABLE_H_
#define RAPPORT_PIPELINE_INTERNAL_INTERN_TABLE_H_

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <string_view>
#include <vector>

#include "pipeline/internal/pool_string.h"

namespace rapport::pipeline::internal {

class InternTable {
 public:
  // The copies come from *pool, which must outlive their use; Clear() does
  // not give them back.
  explicit InternTable(Pool* pool) : pool_(pool) {}

  // The table's copy of `s` (s.size() bytes, not NUL-terminated), made on
  // first use. REQUIRES: `hash` is the same function of `s` on every call,
  // and s.size() < 2^32.
  const char* Intern(std::string_view s, uint32_t hash) {
    if ((count_ + 1) * 4 > slots_.size() * 3) Grow();
    const size_t mask = slots_.size() - 1;
    const auto size = static_cast<uint32_t>(s.size());
    for (size_t i = Mix(hash) & mask;; i = (i + 1) & mask) {
      Slot& slot = slots_[i];
      if (!slot.data) {
        char* copy = static_cast<char*>(pool_->allocate(std::max<size_t>(s.size(), 1), 1));
        if (!s.empty()) std::memcpy(copy, s.data(), s.size());
        slot = {copy, size, hash};
        ++count_;
        return copy;
      }
      if (slot.hash == hash && slot.size == size && std::memcmp(slot.data, s.data(), s.size()) == 0) return slot.data;
    }
  }

  // A hint for an Intern(s, hash) soon after: starts loading the slot its
  // probe begins at. Changes nothing.
  void Prefetch(uint32_t hash) const {
    if (!slots_.empty()) __builtin_prefetch(&slots_[Mix(hash) & (slots_.size() - 1)]);
  }

  size_t size() const { return count_; }
  // Forgets every string (their bytes stay in the pool) and frees the slots.
  void Clear() {
    std::vector<Slot>().swap(slots_);
    count_ = 0;
  }

 private:
  struct Slot {
    const char* data = nullptr;  // null: empty
    uint32_t size = 0;
    uint32_t hash = 0;
  };

  // FNV's low bits, the ones a mask keeps, are its weakest: mix them in.
  static uint32_t Mix(uint32_t h) {
    h ^= h >> 16;
    h *= 0x85ebca6bu;
    return h ^ (h >> 13);
  }

  void Grow() {
    std::vector<Slot> old(slots_.empty() ? 64 : slots_.size() * 2);
    old.swap(slots_);
    const size_t mask = slots_.size() - 1;
    for (const Slot& s : old) {
      if (!s.data) continue;
      size_t i = Mix(s.hash) & mask;
      while (slots_[i].data) i = (i + 1) & mask;
      slots_[i] = s;
    }
  }

  Pool* pool_;
  std::vector<Slot> slots_;  // power-of-two size
  size_t count_ = 0;
};

}  // namespace rapport::pipeline::internal

#endif  // RAPPORT_PIPELINE_INTERNAL_INTERN_TABLE_H_
