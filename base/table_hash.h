// TableHash: a fast hash of short strings for in-memory hash tables (words,
// people's keys), where FNV-1a's byte-at-a-time loop costs more than the
// lookup around it. Strings up to 16 bytes are read in at most two
// (overlapping) loads and mixed by one 64x64->128-bit multiply; longer ones
// fold 8 bytes at a time. All 64 bits are mixed, so both a mask of the low
// bits and a tag from the high ones spread well.
//
// Not stable: it may change between versions. Anything kept or compared
// across runs (candidate ids, shards, content hashes) uses base/fnv.h.
//
// Example: std::unordered_map<std::string, int, TableHasher, std::equal_to<>>.
#ifndef RAPPORT_BASE_TABLE_HASH_H_
#define RAPPORT_BASE_TABLE_HASH_H_

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>

namespace rapport {

namespace table_hash_internal {

inline uint64_t Mix(uint64_t a, uint64_t b) {
  const unsigned __int128 p = static_cast<unsigned __int128>(a) * b;
  return static_cast<uint64_t>(p) ^ static_cast<uint64_t>(p >> 64);
}

inline uint64_t Load64(const char* p) {
  uint64_t v;
  std::memcpy(&v, p, 8);
  return v;
}

inline uint64_t Load32(const char* p) {
  uint32_t v;
  std::memcpy(&v, p, 4);
  return v;
}

constexpr uint64_t kK0 = 0x9E3779B97F4A7C15ull;
constexpr uint64_t kK1 = 0xBF58476D1CE4E5B9ull;
constexpr uint64_t kK2 = 0x94D049BB133111EBull;

}  // namespace table_hash_internal

inline uint64_t TableHash(std::string_view s) {
  using namespace table_hash_internal;
  const char* p = s.data();
  const size_t n = s.size();
  uint64_t a, b;
  if (n <= 16) {
    if (n >= 8) {
      a = Load64(p);
      b = Load64(p + n - 8);
    } else if (n >= 4) {
      a = Load32(p);
      b = Load32(p + n - 4);
    } else if (n > 0) {
      a = (uint64_t{static_cast<unsigned char>(p[0])} << 16) | (uint64_t{static_cast<unsigned char>(p[n / 2])} << 8) |
          static_cast<unsigned char>(p[n - 1]);
      b = 0;
    } else {
      a = b = 0;
    }
  } else {
    uint64_t h = kK2 ^ n;
    size_t i = 0;
    for (; i + 16 <= n; i += 16) h = Mix(Load64(p + i) ^ kK0, Load64(p + i + 8) ^ h);
    a = Load64(p + n - 16) ^ h;
    b = Load64(p + n - 8);
  }
  // The size enters apart from the bytes: "ab" and "ab\0" differ.
  return Mix(Mix(a ^ kK0, b ^ kK1) ^ n, kK2);
}

// A transparent hasher for std::unordered_map/set keyed by strings.
struct TableHasher {
  using is_transparent = void;
  size_t operator()(std::string_view s) const { return static_cast<size_t>(TableHash(s)); }
};

}  // namespace rapport

#endif  // RAPPORT_BASE_TABLE_HASH_H_
