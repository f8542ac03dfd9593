// Code point classification used by the tokenizer: which code points make
// words, numbers, emoji, punctuation, and which are vanishing separators.
//
// Pure functions over immutable data; thread-safe.
#ifndef RAPPORT_NLP_INTERNAL_CHAR_CLASS_H_
#define RAPPORT_NLP_INTERNAL_CHAR_CLASS_H_

#include <cstdint>

namespace rapport::nlp::internal {

enum class CharKind : uint8_t {
  kSpace,      // white space (not a line break): separates tokens
  kLineBreak,  // \n \r U+0085 U+2028 U+2029: part of a punctuation run, ends a sentence
  kInvisible,  // controls, format chars (zero-width, bidi, ZWJ, VS15/16, tags), U+FFFD:
               // separators that never form tokens on their own
  kLetter,     // Unicode L* and Nl
  kMark,       // Unicode M* (except the variation selectors and U+20E3)
  kDigit,      // Unicode Nd and No
  kPunct,      // Unicode P*, S* (non-emoji), private use, unassigned
  kEmoji,      // a pictograph with default emoji presentation (or in a pictographic block)
  kWeakEmoji,  // a pictograph with default text presentation (©, ™, ↔): emoji only before VS16
  kRegional,   // regional indicator U+1F1E6..U+1F1FF (flags are pairs)
  kSkinTone,   // Fitzpatrick modifier U+1F3FB..U+1F3FF
};

inline constexpr char32_t kZwj = 0x200D;
inline constexpr char32_t kVs15 = 0xFE0E;
inline constexpr char32_t kVs16 = 0xFE0F;
inline constexpr char32_t kCombiningKeycap = 0x20E3;

// Classifies a non-ASCII code point (cp >= 0x80). ASCII goes through AsciiKind().
CharKind ClassifyNonAscii(char32_t cp);

// Classification of the 128 ASCII code points.
inline CharKind AsciiKind(unsigned char c) {
  if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') return CharKind::kLetter;
  if (c >= '0' && c <= '9') return CharKind::kDigit;
  if (c == ' ' || c == '\t' || c == '\v' || c == '\f') return CharKind::kSpace;
  if (c == '\n' || c == '\r') return CharKind::kLineBreak;
  if (c < 0x20 || c == 0x7F) return CharKind::kInvisible;
  return CharKind::kPunct;
}

inline CharKind Classify(char32_t cp) {
  return cp < 0x80 ? AsciiKind(static_cast<unsigned char>(cp)) : ClassifyNonAscii(cp);
}

// True for Lu and Lt code points.
bool IsUpperCase(char32_t cp);
// True for Ll code points.
bool IsLowerCase(char32_t cp);

// True for Han ideographs, kana (incl. the prolonged sound mark and halfwidth
// forms) and Hangul: scripts written without spaces between words (Hangul is
// included so that a Hangul run next to Latin letters splits off).
bool IsCjk(char32_t cp);

// True for letters of the Latin script (ASCII, Latin-1, Latin Extended, IPA,
// fullwidth Latin).
bool IsLatinLetter(char32_t cp);

// True for the emoji extenders that follow a base inside one grapheme: VS15,
// VS16, skin tone modifiers, U+20E3 and tag characters (subdivision flags).
inline bool IsEmojiExtender(char32_t cp) {
  return cp == kVs16 || cp == kVs15 || (cp >= 0x1F3FB && cp <= 0x1F3FF) || cp == kCombiningKeycap ||
         (cp >= 0xE0020 && cp <= 0xE007F);
}

}  // namespace rapport::nlp::internal

#endif  // RAPPORT_NLP_INTERNAL_CHAR_CLASS_H_
