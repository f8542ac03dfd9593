// Word-at-a-time scans for the writers' escaping loops: how many bytes at the
// start of a string need no escaping, looked at 8 bytes per step (SWAR bit
// tricks, exact: a word is skipped only if none of its bytes needs work), the
// last few one at a time. The writers escape every evidence text into JSON,
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

}  // namespace byte_scan

// Leading bytes below 0x80.
inline size_t AsciiPrefix(std::string_view s) {
  using namespace byte_scan;
  return Prefix(
      s.data(), s.size(), [](uint64_t w) { return (w & kHighs) == 0; }, [](unsigned char c) { return c < 0x80; });
}

// Leading bytes a JSON string holds as they are: 0x20..0x7F but '"' and '\'.
inline size_t JsonPlainPrefix(std::string_view s) {
  using namespace byte_scan;
  return Prefix(
      s.data(), s.size(),
      [](uint64_t w) { return ((w & kHighs) | HasLess(w, 0x20) | HasByte(w, '"') | HasByte(w, '\\')) == 0; },
      [](unsigned char c) { return c >= 0x20 && c < 0x80 && c != '"' && c != '\\'; });
}

// Leading bytes HTML text and attributes hold as they are: all but & < > " '.
inline size_t HtmlPlainPrefix(std::string_view s) {
  using namespace byte_scan;
  return Prefix(
      s.data(), s.size(),
      [](uint64_t w) {
        return (HasByte(w, '&') | HasByte(w, '<') | HasByte(w, '>') | HasByte(w, '"') | HasByte(w, '\'')) == 0;
      },
      [](unsigned char c) { return c != '&' && c != '<' && c != '>' && c != '"' && c != '\''; });
}

// Leading bytes a CSV cell holds without quoting: all but , " CR LF.
inline size_t CsvPlainPrefix(std::string_view s) {
  using namespace byte_scan;
  return Prefix(
      s.data(), s.size(),
      [](uint64_t w) { return (HasByte(w, ',') | HasByte(w, '"') | HasByte(w, '\r') | HasByte(w, '\n')) == 0; },
      [](unsigned char c) { return c != ',' && c != '"' && c != '\r' && c != '\n'; });
}

}  // namespace rapport::pipeline

#endif  // RAPPORT_PIPELINE_EXPORT_BYTE_SCAN_H_
