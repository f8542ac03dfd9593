// UTF-8 decoding and encoding helpers for the nlp module.
//
// Pure inline functions; thread-safe.
#ifndef RAPPORT_NLP_INTERNAL_UTF8_H_
#define RAPPORT_NLP_INTERNAL_UTF8_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace rapport::nlp::internal {

inline constexpr char32_t kReplacementChar = 0xFFFD;

struct Decoded {
  char32_t cp = 0;   // the code point, or kReplacementChar if `valid` is false
  uint32_t len = 0;  // bytes consumed, >= 1 when any input remains
  bool valid = false;
};

// Decodes the code point at s[i]. REQUIRES: i < s.size().
// On ill-formed input returns {kReplacementChar, n, false} where n is the
// length of the maximal subpart of the ill-formed sequence (at least 1), the
// substitution practice recommended by Unicode (chapter 3, U+FFFD
// substitution of maximal subparts).
inline Decoded DecodeUtf8(std::string_view s, size_t i) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const size_t n = s.size();
  const unsigned char b0 = p[i];
  if (b0 < 0x80) return {b0, 1, true};
  int need;
  char32_t cp;
  unsigned char lo = 0x80, hi = 0xBF;  // allowed range of the second byte
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    need = 1;
    cp = b0 & 0x1F;
  } else if (b0 >= 0xE0 && b0 <= 0xEF) {
    need = 2;
    cp = b0 & 0x0F;
    if (b0 == 0xE0) lo = 0xA0;
    if (b0 == 0xED) hi = 0x9F;  // excludes surrogates
  } else if (b0 >= 0xF0 && b0 <= 0xF4) {
    need = 3;
    cp = b0 & 0x07;
    if (b0 == 0xF0) lo = 0x90;
    if (b0 == 0xF4) hi = 0x8F;  // caps at U+10FFFF
  } else {
    return {kReplacementChar, 1, false};
  }
  uint32_t len = 1;
  for (int k = 0; k < need; ++k) {
    if (i + len >= n) return {kReplacementChar, len, false};
    const unsigned char b = p[i + len];
    const unsigned char l = (k == 0) ? lo : 0x80;
    const unsigned char h = (k == 0) ? hi : 0xBF;
    if (b < l || b > h) return {kReplacementChar, len, false};
    cp = (cp << 6) | (b & 0x3F);
    ++len;
  }
  return {cp, len, true};
}

// Appends the UTF-8 encoding of `cp` (REQUIRES: a scalar value) to *out.
inline void AppendUtf8(char32_t cp, std::string* out) {
  if (cp < 0x80) {
    out->push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    const char b[2] = {static_cast<char>(0xC0 | (cp >> 6)), static_cast<char>(0x80 | (cp & 0x3F))};
    out->append(b, 2);
  } else if (cp < 0x10000) {
    const char b[3] = {static_cast<char>(0xE0 | (cp >> 12)), static_cast<char>(0x80 | ((cp >> 6) & 0x3F)),
                       static_cast<char>(0x80 | (cp & 0x3F))};
    out->append(b, 3);
  } else {
    const char b[4] = {static_cast<char>(0xF0 | (cp >> 18)), static_cast<char>(0x80 | ((cp >> 12) & 0x3F)),
                       static_cast<char>(0x80 | ((cp >> 6) & 0x3F)), static_cast<char>(0x80 | (cp & 0x3F))};
    out->append(b, 4);
  }
}

// True if every byte of `s` is < 0x80.
inline bool IsAscii(std::string_view s) {
  unsigned char acc = 0;
  for (char c : s) acc |= static_cast<unsigned char>(c);
  return acc < 0x80;
}

// Appends `in` to *out with each ill-formed subsequence replaced by U+FFFD.
void AppendSanitizedUtf8(std::string_view in, std::string* out);

// Returns the start of the code point that ends just before s[i] (i > 0).
// Steps back over at most three continuation bytes.
inline size_t PrevCodepointStart(std::string_view s, size_t i) {
  size_t j = i - 1;
  for (int k = 0; k < 3 && j > 0 && (static_cast<unsigned char>(s[j]) & 0xC0) == 0x80; ++k) --j;
  return j;
}

}  // namespace rapport::nlp::internal

#endif  // RAPPORT_NLP_INTERNAL_UTF8_H_
