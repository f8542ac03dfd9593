#include "nlp/internal/char_class.h"

#include <utf8proc.h>

namespace rapport::nlp::internal {

namespace {

// Pictographs that render as emoji by default (Emoji_Presentation=Yes or a
// pictographic block). Ranges are inclusive.
bool IsStrongPictograph(char32_t cp) {
  if (cp >= 0x1F000 && cp <= 0x1FAFF) return true;  // Mahjong .. Symbols & Pictographs Ext-A
  if (cp >= 0x1FC00 && cp <= 0x1FFFD) return true;  // reserved Extended_Pictographic
  if (cp >= 0x2600 && cp <= 0x27BF) return true;    // Misc Symbols, Dingbats
  switch (cp) {
    case 0x231A: case 0x231B: case 0x23E9: case 0x23EA: case 0x23EB: case 0x23EC:
    case 0x23F0: case 0x23F3: case 0x25FD: case 0x25FE: case 0x2B1B: case 0x2B1C:
    case 0x2B50: case 0x2B55:
      return true;
    default:
      return false;
  }
}

// Extended_Pictographic code points with default text presentation: emoji
// only when followed by VS16 (or inside a ZWJ sequence).
bool IsWeakPictograph(char32_t cp) {
  if (cp >= 0x2194 && cp <= 0x2199) return true;
  if (cp >= 0x23ED && cp <= 0x23EF) return true;
  if (cp >= 0x23F8 && cp <= 0x23FA) return true;
  if (cp >= 0x2B05 && cp <= 0x2B07) return true;
  switch (cp) {
    case 0x00A9: case 0x00AE: case 0x203C: case 0x2049: case 0x2122: case 0x2139:
    case 0x21A9: case 0x21AA: case 0x2328: case 0x23CF: case 0x23F1: case 0x23F2:
    case 0x24C2: case 0x25AA: case 0x25AB: case 0x25B6: case 0x25C0: case 0x25FB:
    case 0x25FC: case 0x2934: case 0x2935: case 0x3030: case 0x303D: case 0x3297:
    case 0x3299:
      return true;
    default:
      return false;
  }
}

// Zero-width and bidi controls named as vanishing separators; most are Cf
// anyway, listed so the intent does not depend on the Unicode tables.
bool IsZeroWidthOrBidi(char32_t cp) {
  return (cp >= 0x200B && cp <= 0x200F) || (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2060 && cp <= 0x2069) ||
         cp == 0xFEFF || cp == 0x180E || cp == 0x00AD;
}

}  // namespace

CharKind ClassifyNonAscii(char32_t cp) {
  if (cp == 0xFFFD || IsZeroWidthOrBidi(cp) || cp == kVs15 || cp == kVs16 || cp == kCombiningKeycap ||
      (cp >= 0xE0000 && cp <= 0xE007F)) {
    return CharKind::kInvisible;
  }
  if (cp == 0x0085 || cp == 0x2028 || cp == 0x2029) return CharKind::kLineBreak;
  if (cp >= 0x1F1E6 && cp <= 0x1F1FF) return CharKind::kRegional;
  if (cp >= 0x1F3FB && cp <= 0x1F3FF) return CharKind::kSkinTone;
  if (IsStrongPictograph(cp)) return CharKind::kEmoji;
  if (IsWeakPictograph(cp)) return CharKind::kWeakEmoji;
  switch (utf8proc_category(static_cast<utf8proc_int32_t>(cp))) {
    case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL: case UTF8PROC_CATEGORY_LT:
    case UTF8PROC_CATEGORY_LM: case UTF8PROC_CATEGORY_LO: case UTF8PROC_CATEGORY_NL:
      return CharKind::kLetter;
    case UTF8PROC_CATEGORY_MN: case UTF8PROC_CATEGORY_MC: case UTF8PROC_CATEGORY_ME:
      return CharKind::kMark;
    case UTF8PROC_CATEGORY_ND: case UTF8PROC_CATEGORY_NO:
      return CharKind::kDigit;
    case UTF8PROC_CATEGORY_ZS:
      return CharKind::kSpace;
    case UTF8PROC_CATEGORY_ZL: case UTF8PROC_CATEGORY_ZP:
      return CharKind::kLineBreak;
    case UTF8PROC_CATEGORY_CC: case UTF8PROC_CATEGORY_CF: case UTF8PROC_CATEGORY_CS:
      return CharKind::kInvisible;
    default:
      return CharKind::kPunct;
  }
}

bool IsUpperCase(char32_t cp) {
  if (cp < 0x80) return cp >= 'A' && cp <= 'Z';
  const utf8proc_category_t c = utf8proc_category(static_cast<utf8proc_int32_t>(cp));
  return c == UTF8PROC_CATEGORY_LU || c == UTF8PROC_CATEGORY_LT;
}

bool IsLowerCase(char32_t cp) {
  if (cp < 0x80) return cp >= 'a' && cp <= 'z';
  return utf8proc_category(static_cast<utf8proc_int32_t>(cp)) == UTF8PROC_CATEGORY_LL;
}

bool IsCjk(char32_t cp) {
  if (cp < 0x1100) return false;
  return (cp <= 0x11FF) ||                      // Hangul Jamo
         (cp >= 0x2E80 && cp <= 0x2FDF) ||      // CJK and Kangxi radicals
         (cp >= 0x3005 && cp <= 0x3007) ||      // 々 〆 〇
         (cp >= 0x3021 && cp <= 0x3029) ||      // Hangzhou numerals
         (cp >= 0x3031 && cp <= 0x3035) ||      // kana repeat marks
         (cp >= 0x3038 && cp <= 0x303C) ||
         (cp >= 0x3041 && cp <= 0x30FF) ||      // Hiragana, Katakana
         (cp >= 0x3130 && cp <= 0x318F) ||      // Hangul compatibility Jamo
         (cp >= 0x31F0 && cp <= 0x31FF) ||      // Katakana phonetic extensions
         (cp >= 0x3400 && cp <= 0x4DBF) ||      // CJK Ext A
         (cp >= 0x4E00 && cp <= 0x9FFF) ||      // CJK Unified Ideographs
         (cp >= 0xA960 && cp <= 0xA97F) ||      // Hangul Jamo Ext A
         (cp >= 0xAC00 && cp <= 0xD7FF) ||      // Hangul syllables, Jamo Ext B
         (cp >= 0xF900 && cp <= 0xFAFF) ||      // CJK compatibility ideographs
         (cp >= 0xFF66 && cp <= 0xFFDC) ||      // halfwidth Katakana and Hangul
         (cp >= 0x1B000 && cp <= 0x1B16F) ||    // Kana supplement / extended
         (cp >= 0x20000 && cp <= 0x3FFFF);      // CJK Ext B and later
}

bool IsLatinLetter(char32_t cp) {
  if (cp < 0x80) return (cp | 0x20) >= 'a' && (cp | 0x20) <= 'z';
  const bool latin_block = (cp >= 0xC0 && cp <= 0x2AF) || (cp >= 0x1D00 && cp <= 0x1DBF) ||
                           (cp >= 0x1E00 && cp <= 0x1EFF) || (cp >= 0x2C60 && cp <= 0x2C7F) ||
                           (cp >= 0xA720 && cp <= 0xA7FF) || (cp >= 0xAB30 && cp <= 0xAB6F) ||
                           (cp >= 0xFB00 && cp <= 0xFB06) || (cp >= 0xFF21 && cp <= 0xFF3A) ||
                           (cp >= 0xFF41 && cp <= 0xFF5A);
  return latin_block && ClassifyNonAscii(cp) == CharKind::kLetter;
}

}  // namespace rapport::nlp::internal
