// StringTable<V>: a value per string key, in a flat hash table. Used where
// a table is looked up on every item: people by their key ("x:12345") and
// pairs of people in the aggregation shards, words in the extractor's cache.
//
// With std::unordered_map each lookup divided by the bucket count and walked
// nodes of a few hundred bytes before comparing a heap-allocated key: ~7% of
// a run's CPU samples for the people tables (docs/PERFORMANCE.md, session 6).
// Here a lookup reads one 16-byte slot (open addressing, linear probing, at
// most three quarters full) and the key's bytes, which sit back to back in
// one buffer; the value is read only once found.
//
// Values live in a std::deque: a reference stays valid while others are
// inserted (until EraseIf or Clear), and values() iterates in insertion order.
// Not synchronized.
//
// Example:
//   StringTable<int> t;
//   bool inserted;
//   t.FindOrInsert("x:1", &inserted) = 5;   // inserted == true
//   *t.Find("x:1") == 5;                    // true
//   t.Find("x:2") == nullptr;               // true
#ifndef RAPPORT_BASE_STRING_TABLE_H_
#define RAPPORT_BASE_STRING_TABLE_H_

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <deque>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "base/table_hash.h"

namespace rapport {

template <typename V>
class StringTable {
 public:
  // The value for `key`, default-constructed on first use; *inserted (if
  // given) says which. REQUIRES: key.size() < 2^32 and fewer than 2^32 keys.
  V& FindOrInsert(std::string_view key, bool* inserted = nullptr) {
    if ((values_.size() + 1) * 4 > slots_.size() * 3) Grow();
    const uint64_t h = Hash(key);
    const size_t mask = slots_.size() - 1;
    for (size_t i = h & mask;; i = (i + 1) & mask) {
      Slot& slot = slots_[i];
      if (slot.index == kEmpty) {
        slot = {static_cast<uint32_t>(h >> 32), static_cast<uint32_t>(values_.size()),
                static_cast<uint32_t>(keys_.size()), static_cast<uint32_t>(key.size())};
        keys_.append(key);
        if (inserted) *inserted = true;
        return values_.emplace_back();
      }
      if (Matches(slot, h, key)) {
        if (inserted) *inserted = false;
        return values_[slot.index];
      }
    }
  }

  // The value for `key`, or null.
  V* Find(std::string_view key) {
    if (slots_.empty()) return nullptr;
    const uint64_t h = Hash(key);
    const size_t mask = slots_.size() - 1;
    for (size_t i = h & mask;; i = (i + 1) & mask) {
      const Slot& slot = slots_[i];
      if (slot.index == kEmpty) return nullptr;
      if (Matches(slot, h, key)) return &values_[slot.index];
    }
  }
  const V* Find(std::string_view key) const { return const_cast<StringTable*>(this)->Find(key); }

  // f(key, value) for every entry, in no particular order.
  template <typename F>
  void ForEach(F f) {
    for (const Slot& slot : slots_)
      if (slot.index != kEmpty) f(std::string_view(keys_.data() + slot.key_at, slot.key_size), values_[slot.index]);
  }

  // Removes the entries for which pred(key, value) is true; returns how many.
  // Rebuilds the table (O(size)): meant for rare, bulk removals. References
  // to the entries that stay are not kept valid.
  template <typename Pred>
  size_t EraseIf(Pred pred) {
    std::vector<const Slot*> by_index(values_.size());
    for (const Slot& slot : slots_)
      if (slot.index != kEmpty) by_index[slot.index] = &slot;
    std::string keys;
    std::deque<V> values;
    std::vector<Slot> slots(slots_.size());
    const size_t mask = slots.size() - 1;
    for (size_t index = 0; index < values_.size(); ++index) {
      const Slot& old = *by_index[index];
      const std::string_view key(keys_.data() + old.key_at, old.key_size);
      if (pred(key, values_[index])) continue;
      size_t i = Hash(key) & mask;
      while (slots[i].index != kEmpty) i = (i + 1) & mask;
      slots[i] = {old.tag, static_cast<uint32_t>(values.size()), static_cast<uint32_t>(keys.size()), old.key_size};
      keys.append(key);
      values.push_back(std::move(values_[index]));
    }
    const size_t erased = values_.size() - values.size();
    keys_.swap(keys);
    values_.swap(values);
    slots_.swap(slots);
    return erased;
  }

  // Removes every entry; keeps the slots' memory for the next ones.
  void Clear() {
    std::fill(slots_.begin(), slots_.end(), Slot());
    keys_.clear();
    values_.clear();
  }

  size_t size() const { return values_.size(); }
  // Every value, in insertion order.
  std::deque<V>& values() { return values_; }
  const std::deque<V>& values() const { return values_; }

 private:
  static constexpr uint32_t kEmpty = UINT32_MAX;
  struct Slot {
    uint32_t tag = 0;            // the hash's high half
    uint32_t index = kEmpty;     // into values_
    uint32_t key_at = 0, key_size = 0;  // the key's bytes in keys_
  };

  static uint64_t Hash(std::string_view key) { return TableHash(key); }

  bool Matches(const Slot& slot, uint64_t h, std::string_view key) const {
    return slot.tag == static_cast<uint32_t>(h >> 32) && slot.key_size == key.size() &&
           std::memcmp(keys_.data() + slot.key_at, key.data(), key.size()) == 0;
  }

  void Grow() {
    std::vector<Slot> old(slots_.empty() ? 64 : slots_.size() * 2);
    old.swap(slots_);
    const size_t mask = slots_.size() - 1;
    for (const Slot& s : old) {
      if (s.index == kEmpty) continue;
      size_t i = Hash(std::string_view(keys_.data() + s.key_at, s.key_size)) & mask;
      while (slots_[i].index != kEmpty) i = (i + 1) & mask;
      slots_[i] = s;
    }
  }

  std::vector<Slot> slots_;  // power-of-two size
  std::string keys_;         // every key, back to back
  std::deque<V> values_;
};

}  // namespace rapport

#endif  // RAPPORT_BASE_STRING_TABLE_H_
