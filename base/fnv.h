// FNV-1a: the project's stable non-cryptographic hash of strings, for keys
// that must stay the same from run to run and machine to machine (candidate
// ids, shards, content hashes), which std::hash does not promise, and for
// tables' and caches' own hashes where the caller hashes once and keeps the
// value (nlp's stem cache, the aggregator's keys). Tables that hash short
// strings on every lookup (words, people) use base/table_hash.h.
//
// Example: Hex16(Fnv1a("abc")) == "e16801510db89efd"; to hash fields joined by a
// separator, chain: h = Fnv1a(b, Fnv1a("\x1f", Fnv1a(a))).
#ifndef RAPPORT_BASE_FNV_H_
#define RAPPORT_BASE_FNV_H_

#include <cstdint>
#include <string>
#include <string_view>

namespace rapport {

// Not FNV's standard offset basis (14695981039346656037): a digit was lost
// in the first commit. It hashes as well, and candidate ids, which state
// stores keep with the analysts' decisions, are made from it, so it stays.
inline constexpr uint64_t kFnvOffset = 1469598103934665603ull;

// 64-bit FNV-1a of `s`, continuing from `h`.
inline uint64_t Fnv1a(std::string_view s, uint64_t h = kFnvOffset) {
  for (unsigned char c : s) h = (h ^ c) * 1099511628211ull;
  return h;
}

// The 64-bit hash folded to 32 bits (tables' hashes, small sets of hashes).
inline uint32_t Fnv1a32(std::string_view s) {
  const uint64_t h = Fnv1a(s);
  return static_cast<uint32_t>(h ^ (h >> 32));
}

// 16 lower-case hex digits.
inline std::string Hex16(uint64_t h) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string s(16, '0');
  for (int i = 15; i >= 0; --i, h >>= 4) s[static_cast<size_t>(i)] = kDigits[h & 0xF];
  return s;
}

}  // namespace rapport

#endif  // RAPPORT_BASE_FNV_H_
