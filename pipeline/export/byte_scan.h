// Word-at-a-time scans for the writers' escaping loops: how many bytes at the
// start of a string need no escaping, looked at 16 bytes per step with SSE2
// (part of every x86-64 CPU; the escapers only), then 8 per step (SWAR bit tricks, exact: a word
// is skipped only if none of its bytes needs work), the last few one at a
// time. The writers escape every evidence text into JSON,
// CSV and HTML; byte-at-a-time loops were their largest cost
// (docs/PERFORMANCE.md, session 6).
//
// Example: JsonPlainPrefix("dog \"Rover\"") == 4.
#ifndef RAPPORT_PIPELINE_EXPORT_BYTE_SCAN_H_
#define RAPPORT_PIPELINE_EXPORT_BYTE_SCAN_H_

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace rapport::pipeline {

namespace byte_scan {

constexpr uint64_t kOnes = 0x0101010101010101ull;
constexpr uint64_t kHighs = 0x8080808080808080ull;

inline uint64_t Load(const char* p) {
  uint64_t w;
  std::memcpy(&w, p, sizeof w);
  return w;
}
// Nonzero iff some byte of w is zero.
inline uint64_t ZeroByte(uint64_t w) { return (w - kOnes) & ~w & kHighs; }
// Nonzero iff some byte of w equals b.
inline uint64_t HasByte(uint64_t w, unsigned char b) { return ZeroByte(w ^ (kOnes * b)); }
// Nonzero iff some byte of w is below n (n <= 128).
inline uint64_t HasLess(uint64_t w, unsigned char n) { return (w - kOnes * n) & ~w & kHighs; }

// The length of the longest prefix of [p, p+n) whose bytes all satisfy
// `plain`, where `word_plain(w)` is true only if all 8 bytes of w do.
template <typename WordPlain, typename BytePlain>
size_t Prefix(const char* p, size_t n, WordPlain word_plain, BytePlain plain) {
  size_t i = 0;
  while (i + 8 <= n && word_plain(Load(p + i))) i += 8;
  while (i < n && plain(static_cast<unsigned char>(p[i]))) ++i;
  return i;
}

#if defined(__SSE2__)
// SSE2 is part of x86-64: there the scans first go 16 bytes per step. bad(v)
// sets the top bit of each byte of v that needs work. Returns true with *at
// the first such byte's offset, or false with *at where fewer than 16 bytes
// are left (everything before it plain).
template <typename VecBad>
bool VecScan(const char* p, size_t n, VecBad bad, size_t* at) {
  size_t i = 0;
  for (; i + 16 <= n; i += 16) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i));
    const auto mask = static_cast<unsigned>(_mm_movemask_epi8(bad(v)));
    if (mask != 0) {
      *at = i + static_cast<size_t>(__builtin_ctz(mask));
      return true;
    }
  }
  *at = i;
  return false;
}
inline __m128i Eq(__m128i v, char c) { return _mm_cmpeq_epi8(v, _mm_set1_epi8(c)); }
#endif

}  // namespace byte_scan

// Leading bytes below 0x80.
inline size_t AsciiPrefix(std::string_view s) {
  using namespace byte_scan;
  // 8 bytes per step only: its callers scan the runs between non-ASCII
  // letters, mostly short, where 16-byte steps measured slower.
  auto word = [](uint64_t w) { return (w & kHighs) == 0; };
  return Prefix(s.data(), s.size(), word, [](unsigned char c) { return c < 0x80; });
}

// Leading bytes a JSON string holds as they are: 0x20..0x7F but '"' and '\'.
inline size_t JsonPlainPrefix(std::string_view s) {
  using namespace byte_scan;
  size_t at = 0;
#if defined(__SSE2__)
  auto bad = [](__m128i v) {  // as signed bytes, below 0x20 are the controls and every byte from 0x80
    return _mm_or_si128(_mm_cmplt_epi8(v, _mm_set1_epi8(0x20)), _mm_or_si128(Eq(v, '"'), Eq(v, '\\')));
  };
  if (VecScan(s.data(), s.size(), bad, &at)) return at;
#endif
  auto word = [](uint64_t w) {
    return ((w & kHighs) | HasLess(w, 0x20) | HasByte(w, '"') | HasByte(w, '\\')) == 0;
  };
  auto byte = [](unsigned char c) { return c >= 0x20 && c < 0x80 && c != '"' && c != '\\'; };
  return at + Prefix(s.data() + at, s.size() - at, word, byte);
}

// Leading bytes HTML text and attributes hold as they are: all but & < > " '.
inline size_t HtmlPlainPrefix(std::string_view s) {
  using namespace byte_scan;
  size_t at = 0;
#if defined(__SSE2__)
  auto bad = [](__m128i v) {
    return _mm_or_si128(_mm_or_si128(Eq(v, '&'), Eq(v, '<')),
                        _mm_or_si128(_mm_or_si128(Eq(v, '>'), Eq(v, '"')), Eq(v, '\'')));
  };
  if (VecScan(s.data(), s.size(), bad, &at)) return at;
#endif
  auto word = [](uint64_t w) {
    return (HasByte(w, '&') | HasByte(w, '<') | HasByte(w, '>') | HasByte(w, '"') | HasByte(w, '\'')) == 0;
  };
  auto byte = [](unsigned char c) { return c != '&' && c != '<' && c != '>' && c != '"' && c != '\''; };
  return at + Prefix(s.data() + at, s.size() - at, word, byte);
}

// Leading bytes a CSV cell holds without quoting: all but , " CR LF.
inline size_t CsvPlainPrefix(std::string_view s) {
  using namespace byte_scan;
  size_t at = 0;
#if defined(__SSE2__)
  auto bad = [](__m128i v) {
    return _mm_or_si128(_mm_or_si128(Eq(v, ','), Eq(v, '"')), _mm_or_si128(Eq(v, '\r'), Eq(v, '\n')));
  };
  if (VecScan(s.data(), s.size(), bad, &at)) return at;
#endif
  auto word = [](uint64_t w) { return (HasByte(w, ',') | HasByte(w, '"') | HasByte(w, '\r') | HasByte(w, '\n')) == 0; };
  auto byte = [](unsigned char c) { return c != ',' && c != '"' && c != '\r' && c != '\n'; };
  return at + Prefix(s.data() + at, s.size() - at, word, byte);
}

}  // namespace rapport::pipeline

#endif  // RAPPORT_PIPELINE_EXPORT_BYTE_SCAN_H_
