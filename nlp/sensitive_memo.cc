#include "nlp/sensitive_memo.h"

#include <bit>
#include <cstdint>

#include "base/fnv.h"

namespace rapport::nlp {

SensitiveMemo::SensitiveMemo(size_t slots)
    : slots_(std::bit_ceil(slots < 1 ? size_t{1} : slots)), mask_(slots_.size() - 1) {}

SensitiveKind SensitiveMemo::Classify(std::string_view key, std::string_view value) {
  // The key's hash, moved by the value's size: one key's variants ("marathon
  // train" as "marathon training", "#MarathonTraining") take different slots.
  const uint64_t h = Fnv1a(key) + value.size() * 0x9E3779B97F4A7C15ull;
  Slot& s = slots_[h & mask_];
  if (s.used && s.key == key && s.value == value) return s.kind;
  SensitiveKind kind = ClassifySensitive(key);
  if (kind == SensitiveKind::kNone) kind = ClassifySensitive(value);
  s.key.assign(key);
  s.value.assign(value);
  s.kind = kind;
  s.used = true;
  return kind;
}

}  // namespace rapport::nlp
