// FNV-1a: the project's one non-cryptographic hash of strings, for keys that
// must stay the same from run to run and machine to machine (candidate ids,
// shards, content hashes), which std::hash does not promise, and for the
// tables' and caches' own hashes (every module may use it: nlp's stem cache,
// pipeline's tables).
//
// Example: Hex16(Fnv1a("abc")) == "e71fa2190541574b"; to hash fields joined by a
// separator, chain: h = Fnv1a(b, Fnv1a("\x1f", Fnv1a(a))).
#ifndef RAPPORT_BASE_FNV_H_
#define RAPPORT_BASE_FNV_H_

#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>

namespace rapport {

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
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
  return buf;
}

}  // namespace rapport

#endif  // RAPPORT_BASE_FNV_H_
