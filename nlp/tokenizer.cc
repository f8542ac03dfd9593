#include "nlp/tokenizer.h"

#include <cstddef>
#include <cstdint>
#include <limits>

#include "nlp/internal/char_class.h"
#include "nlp/internal/text_norm.h"
#include "nlp/internal/utf8.h"
#include "nlp/normalizer.h"

namespace rapport::nlp {

namespace {

using internal::CharKind;

// Inputs longer than this are truncated (at a code point boundary) before
// tokenizing. After U+FFFD substitution the text is at most 3 GiB, so every
// offset into TokenizedText::text fits in uint32_t.
constexpr size_t kMaxInputBytes = size_t{1} << 30;
// Tokenizing stops (keeping the tokens so far) before `norm` outgrows uint32_t
// offsets; only reachable with pathological near-limit inputs.
constexpr size_t kMaxNormBytes = std::numeric_limits<uint32_t>::max();

struct Cp {
  char32_t cp = 0;
  uint32_t len = 0;
  CharKind kind = CharKind::kInvisible;
};

bool IsAsciiAlnum(char32_t c) { return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z'); }
bool IsHandleChar(char c) { return IsAsciiAlnum(static_cast<unsigned char>(c)) || c == '_'; }
bool IsWordBody(CharKind k) { return k == CharKind::kLetter || k == CharKind::kMark || k == CharKind::kDigit; }

bool IsSentenceEndChar(char32_t c) {
  switch (c) {
    case '.': case '!': case '?': case 0x2026: /* … */ case 0x3002: /* 。 */ case 0xFF01: /* ！ */
    case 0xFF1F: /* ？ */ case 0xFF0E: /* ． */ case 0xFF61: /* ｡ */ case 0x061F: /* ؟ */ case 0x06D4: /* ۔ */
    case 0x0964: /* । */ case 0x203C: case 0x203D: case 0x2047: case 0x2048: case 0x2049:
      return true;
    default:
      return false;
  }
}

bool IsQuestionChar(char32_t c) {
  return c == '?' || c == 0xFF1F || c == 0x061F || c == 0x203D || (c >= 0x2047 && c <= 0x2049);
}

// Inner joiners of words: apostrophes and hyphens.
bool IsWordJoiner(char32_t c) { return c == '\'' || c == 0x2019 || c == '-' || c == 0x2010 || c == 0x2011; }

// Inner separators of numbers: "3.5", "1,000", "10:30", "4/15", "2024-01-15".
bool IsNumberSeparator(char32_t c) { return c == '.' || c == ',' || c == ':' || c == '/' || c == '-'; }

bool StartsWithNoCase(std::string_view s, size_t i, std::string_view prefix) {
  if (s.size() - i < prefix.size()) return false;
  for (size_t k = 0; k < prefix.size(); ++k) {
    char c = s[i + k];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + ('a' - 'A'));
    if (c != prefix[k]) return false;
  }
  return true;
}

// One tokenization pass over out->text. Linear: every scan moves forward and
// looks back at most one code point.
class Scanner {
 public:
  explicit Scanner(TokenizedText* out) : out_(out), s_(out->text) {}

  void Run() {
    size_t i = 0;
    while (i < s_.size() && !stopped_) i = Step(i);
  }

 private:
  enum class NormMode { kWord, kCasefold, kVerbatim };

  Cp At(size_t i) const {
    const unsigned char b = static_cast<unsigned char>(s_[i]);
    if (b < 0x80) return {b, 1, internal::AsciiKind(b)};
    const internal::Decoded d = internal::DecodeUtf8(s_, i);
    return {d.cp, d.len, internal::ClassifyNonAscii(d.cp)};
  }

  // True if the code point before s_[i] is a letter, mark, digit or '_'.
  bool PrevIsWordChar(size_t i) const {
    if (i == 0) return false;
    const Cp c = At(internal::PrevCodepointStart(s_, i));
    return IsWordBody(c.kind) || c.cp == '_';
  }

  // Scans one token (or skips one separator) at i; returns the next position.
  size_t Step(size_t i) {
    const Cp c = At(i);
    switch (c.kind) {
      case CharKind::kSpace:
      case CharKind::kInvisible:
        return i + c.len;
      case CharKind::kLetter:
      case CharKind::kMark: {
        if (c.cp == 'h' || c.cp == 'H' || c.cp == 'w' || c.cp == 'W') {
          const size_t e = ScanUrl(i);
          if (e > i) {
            Emit(TokenKind::kUrl, i, e, NormMode::kVerbatim);
            return e;
          }
        }
        const size_t e = ScanWord(i);
        Emit(TokenKind::kWord, i, e, NormMode::kWord);
        return e;
      }
      case CharKind::kDigit: {
        size_t e = ScanKeycap(i);
        if (e > i) {
          Emit(TokenKind::kEmoji, i, e, NormMode::kVerbatim);
          return e;
        }
        e = ScanNumber(i);
        Emit(TokenKind::kNumber, i, e, NormMode::kCasefold);
        return e;
      }
      case CharKind::kEmoji:
      case CharKind::kRegional:
      case CharKind::kSkinTone: {
        const size_t e = ScanEmoji(i);
        Emit(TokenKind::kEmoji, i, e, NormMode::kVerbatim);
        return e;
      }
      case CharKind::kWeakEmoji:
        if (WeakEmojiIsEmoji(i, c)) {
          const size_t e = ScanEmoji(i);
          Emit(TokenKind::kEmoji, i, e, NormMode::kVerbatim);
          return e;
        }
        return ScanPunctRun(i);
      case CharKind::kPunct:
      case CharKind::kLineBreak:
        if (size_t e = TrySpecialAtPunct(i, c); e > i) return e;
        return ScanPunctRun(i);
    }
    return i + c.len;
  }

  // A punctuation code point may start a mention, hashtag or keycap emoji.
  // Emits it and returns its end if so; returns i otherwise.
  size_t TrySpecialAtPunct(size_t i, const Cp& c) {
    if (c.cp == '@') {
      const size_t e = ScanMention(i);
      if (e > i) Emit(TokenKind::kMention, i, e, NormMode::kCasefold, /*skip_prefix=*/1);
      return e;
    }
    if (c.cp == '#' || c.cp == '*') {
      size_t e = ScanKeycap(i);
      if (e > i) {
        Emit(TokenKind::kEmoji, i, e, NormMode::kVerbatim);
        return e;
      }
      if (c.cp == '#') {
        e = ScanHashtag(i);
        if (e > i) {
          Emit(TokenKind::kHashtag, i, e, NormMode::kCasefold, /*skip_prefix=*/1);
          EmitHashtagParts(i + 1, e);
        }
        return e;
      }
    }
    return i;
  }

  bool WeakEmojiIsEmoji(size_t i, const Cp& c) const {
    const size_t j = i + c.len;
    return j < s_.size() && At(j).cp == internal::kVs16;
  }

  // --- Scanners: each returns the end of the token starting at i, or i. ---

  // "http://", "https://" or "www." then URL characters; trailing sentence
  // punctuation and unbalanced closing brackets are left out.
  size_t ScanUrl(size_t i) const {
    if (PrevIsWordChar(i)) return i;
    size_t body;
    if (StartsWithNoCase(s_, i, "https://")) {
      body = i + 8;
    } else if (StartsWithNoCase(s_, i, "http://")) {
      body = i + 7;
    } else if (StartsWithNoCase(s_, i, "www.")) {
      body = i + 4;
    } else {
      return i;
    }
    size_t j = body;
    int parens = 0, brackets = 0;  // open minus close
    while (j < s_.size()) {
      const unsigned char b = static_cast<unsigned char>(s_[j]);
      if (b < 0x80) {
        if (b <= ' ' || b == 0x7F || b == '<' || b == '>' || b == '"' || b == '`') break;
        if (b == '(') ++parens;
        if (b == ')') --parens;
        if (b == '[') ++brackets;
        if (b == ']') --brackets;
        ++j;
        continue;
      }
      const Cp c = At(j);  // internationalised paths: letters, marks and digits only
      if (!IsWordBody(c.kind)) break;
      j += c.len;
    }
    while (j > body) {
      const char last = s_[j - 1];
      if (last == '.' || last == ',' || last == ';' || last == ':' || last == '!' || last == '?' || last == '\'' ||
          last == '*') {
        --j;
      } else if (last == ')' && parens < 0) {
        ++parens;
        --j;
      } else if (last == ']' && brackets < 0) {
        ++brackets;
        --j;
      } else {
        break;
      }
    }
    if (j == body) return i;
    if (body == i + 4 && !IsAsciiAlnum(static_cast<unsigned char>(s_[body]))) return i;  // "www." alone
    return j;
  }

  // '@' + [A-Za-z0-9_]+, not preceded by a word character (so "a@b.com" is no
  // mention), optionally + "@instance.domain" for fediverse handles.
  size_t ScanMention(size_t i) const {
    if (PrevIsWordChar(i)) return i;
    size_t j = i + 1;
    while (j < s_.size() && IsHandleChar(s_[j])) ++j;
    if (j == i + 1) return i;
    if (j < s_.size() && s_[j] == '@') {
      size_t k = j + 1;
      while (k < s_.size() && (IsAsciiAlnum(static_cast<unsigned char>(s_[k])) || s_[k] == '-' || s_[k] == '.')) ++k;
      while (k > j + 1 && (s_[k - 1] == '.' || s_[k - 1] == '-')) --k;
      const std::string_view domain = s_.substr(j + 1, k - j - 1);
      const size_t dot = domain.find('.');
      if (dot != std::string_view::npos && dot > 0) j = k;
    }
    return j;
  }

  // '#' + letters/marks/digits/'_' with at least one letter, not preceded by a
  // word character ("C#" is no hashtag, nor is "#1").
  size_t ScanHashtag(size_t i) const {
    if (PrevIsWordChar(i)) return i;
    size_t j = i + 1;
    bool has_letter = false;
    while (j < s_.size()) {
      const Cp c = At(j);
      if (c.kind == CharKind::kLetter) {
        has_letter = true;
      } else if (c.kind != CharKind::kMark && c.kind != CharKind::kDigit && c.cp != '_') {
        break;
      }
      j += c.len;
    }
    return has_letter ? j : i;
  }

  // Keycap: [0-9#*] VS16? U+20E3.
  size_t ScanKeycap(size_t i) const {
    std::string_view rest = s_.substr(i + 1);
    if (rest.starts_with("\xEF\xB8\x8F\xE2\x83\xA3")) return i + 7;
    if (rest.starts_with("\xE2\x83\xA3")) return i + 4;
    return i;
  }

  // One emoji grapheme: a flag pair, or a base + extenders (+ ZWJ + base + extenders)*.
  size_t ScanEmoji(size_t i) const {
    const Cp base = At(i);
    size_t j = i + base.len;
    if (base.kind == CharKind::kRegional) {
      if (j < s_.size()) {
        const Cp next = At(j);
        if (next.kind == CharKind::kRegional) j += next.len;
      }
      return j;
    }
    while (j < s_.size()) {
      Cp c = At(j);
      while (internal::IsEmojiExtender(c.cp)) {
        j += c.len;
        if (j >= s_.size()) return j;
        c = At(j);
      }
      if (c.cp != internal::kZwj) break;
      const size_t k = j + c.len;
      if (k >= s_.size()) break;
      const Cp next = At(k);
      if (next.kind != CharKind::kEmoji && next.kind != CharKind::kWeakEmoji && next.kind != CharKind::kSkinTone) break;
      j = k + next.len;
    }
    return j;
  }

  // Letters, marks and digits with inner apostrophes/hyphens ("don't",
  // "mother-in-law") and inner dots before a lower-case ASCII letter or digit
  // ("example.com", "node.js", but "day.Then" splits). A run of CJK letters
  // and a run of other letters are separate words.
  size_t ScanWord(size_t i) const {
    size_t j = i;
    int cjk = -1;  // script class of the letters so far: -1 none, 0 other, 1 CJK
    while (j < s_.size()) {
      // ASCII letters and digits, the bulk of most words, without decoding.
      if (cjk != 1) {
        const size_t run = j;
        bool letter = false;
        while (j < s_.size() && IsAsciiAlnum(static_cast<unsigned char>(s_[j]))) {
          letter |= s_[j] > '9';
          ++j;
        }
        if (letter) cjk = 0;
        if (j == s_.size()) break;
        if (j > run) continue;
      }
      const Cp c = At(j);
      if (IsWordBody(c.kind)) {
        if (c.kind == CharKind::kLetter) {
          const int cls = internal::IsCjk(c.cp) ? 1 : 0;
          if (cjk >= 0 && cls != cjk) break;
          cjk = cls;
        }
        j += c.len;
        continue;
      }
      if (j == i || j + c.len >= s_.size()) break;
      const Cp next = At(j + c.len);
      bool join = false;
      if (IsWordJoiner(c.cp)) {
        join = next.kind == CharKind::kDigit ||
               (next.kind == CharKind::kLetter && (cjk < 0 || (internal::IsCjk(next.cp) ? 1 : 0) == cjk));
      } else if (c.cp == '.') {
        const unsigned char prev = static_cast<unsigned char>(s_[j - 1]);
        join = IsAsciiAlnum(prev) && ((next.cp >= 'a' && next.cp <= 'z') || (next.cp >= '0' && next.cp <= '9'));
      }
      if (!join) break;
      j += c.len;
    }
    return j;
  }

  // Digits with inner separators, then an optional non-CJK alphanumeric
  // suffix: "10", "3.5", "10:30", "4/15", "10th", "5k", "1990s", "10:30am".
  size_t ScanNumber(size_t i) const {
    size_t j = i;
    while (j < s_.size()) {
      Cp c = At(j);
      if (c.kind == CharKind::kDigit) {
        j += c.len;
        continue;
      }
      if (IsNumberSeparator(c.cp) && j + 1 < s_.size() && At(j + 1).kind == CharKind::kDigit) {
        j += 1;
        continue;
      }
      break;
    }
    while (j < s_.size()) {
      const Cp c = At(j);
      if (!IsWordBody(c.kind) || (c.kind == CharKind::kLetter && internal::IsCjk(c.cp))) break;
      j += c.len;
    }
    return j;
  }

  // A run of punctuation, symbols and line breaks, up to the next code point
  // that starts another token. Always consumes at least one code point.
  size_t ScanPunctRun(size_t i) {
    size_t j = i;
    bool sentence_end = false, question = false;
    while (j < s_.size()) {
      const Cp c = At(j);
      if (j > i) {
        if (c.kind == CharKind::kWeakEmoji) {
          if (WeakEmojiIsEmoji(j, c)) break;
        } else if (c.kind != CharKind::kPunct && c.kind != CharKind::kLineBreak) {
          break;
        }
        if (c.cp == '@' && ScanMention(j) > j) break;
        if ((c.cp == '#' || c.cp == '*') && ScanKeycap(j) > j) break;
        if (c.cp == '#' && ScanHashtag(j) > j) break;
      }
      sentence_end |= c.kind == CharKind::kLineBreak || IsSentenceEndChar(c.cp);
      question |= IsQuestionChar(c.cp);
      j += c.len;
    }
    Token* t = Emit(TokenKind::kPunct, i, j, NormMode::kCasefold);
    if (t != nullptr) {
      t->sentence_end = sentence_end;
      t->question = question;
      if (sentence_end) sentence_pending_ = true;
    }
    return j;
  }

  // Emits one CamelCase part per word inside the hashtag body [b, e): split at
  // '_', lower->Upper ("marathonTraining", once the part has 2+ letters, so
  // "iPhone" stays whole), Upper->Upper+lower ("NYCMarathon"), letter->digit
  // ("NYC2024"), digit->Upper ("100Days", but "5k" stays) and CJK/other.
  void EmitHashtagParts(size_t b, size_t e) {
    enum Cls { kNone, kUpper, kLower, kCaseless, kDigitCls };
    size_t part = b;
    Cls prev = kNone;
    size_t prev_pos = b;
    int prev_cjk = -1;
    int upper_run = 0;   // consecutive upper-case letters ending at prev
    int part_letters = 0;
    size_t j = b;
    while (j < e) {
      const Cp c = At(j);
      if (c.cp == '_') {
        EmitHashtagPart(part, j);
        part = j + 1;
        prev = kNone;
        upper_run = part_letters = 0;
        prev_cjk = -1;
        j += c.len;
        continue;
      }
      if (c.kind == CharKind::kMark) {
        j += c.len;
        continue;
      }
      Cls cls;
      int cjk = -1;
      if (c.kind == CharKind::kDigit) {
        cls = kDigitCls;
      } else {
        cls = internal::IsUpperCase(c.cp) ? kUpper : internal::IsLowerCase(c.cp) ? kLower : kCaseless;
        cjk = internal::IsCjk(c.cp) ? 1 : 0;
      }
      size_t split = std::string_view::npos;
      if (prev == kLower && cls == kUpper && part_letters >= 2) {
        split = j;
      } else if (prev == kUpper && cls == kLower && upper_run >= 2) {
        split = prev_pos;
      } else if (prev != kNone && prev != kDigitCls && cls == kDigitCls) {
        split = j;
      } else if (prev == kDigitCls && cls == kUpper) {
        split = j;
      } else if (cjk >= 0 && prev_cjk >= 0 && cjk != prev_cjk) {
        split = j;
      }
      if (split != std::string_view::npos && split > part) {
        EmitHashtagPart(part, split);
        part = split;
        part_letters = (split == prev_pos) ? 1 : 0;
      }
      upper_run = (cls == kUpper) ? upper_run + 1 : 0;
      if (cls != kDigitCls) ++part_letters;
      if (cjk >= 0) prev_cjk = cjk;
      prev = cls;
      prev_pos = j;
      j += c.len;
    }
    EmitHashtagPart(part, e);
  }

  void EmitHashtagPart(size_t b, size_t e) {
    if (e <= b) return;
    const bool number = At(b).kind == CharKind::kDigit;
    if (number) {
      Emit(TokenKind::kNumber, b, e, NormMode::kCasefold, /*skip_prefix=*/0, /*in_hashtag=*/true);
    } else {
      Emit(TokenKind::kWord, b, e, NormMode::kWord, /*skip_prefix=*/0, /*in_hashtag=*/true);
    }
  }

  // Appends a token for s_[b, e) with its norm. Returns it, or nullptr once
  // the norm buffer is full (tokenizing then stops).
  Token* Emit(TokenKind kind, size_t b, size_t e, NormMode mode, size_t skip_prefix = 0, bool in_hashtag = false) {
    if (stopped_) return nullptr;
    std::string& norm = out_->norm;
    const size_t norm_begin = norm.size();
    const std::string_view normed = s_.substr(b + skip_prefix, e - b - skip_prefix);
    switch (mode) {
      case NormMode::kWord:
        internal::AppendWordNorm(normed, &norm);
        break;
      case NormMode::kCasefold:
        NormalizeCasefold(normed, &norm);
        break;
      case NormMode::kVerbatim:
        norm.append(normed);
        break;
    }
    if (norm.size() > kMaxNormBytes) {
      norm.resize(norm_begin);
      stopped_ = true;
      return nullptr;
    }
    Token& t = out_->tokens.emplace_back();
    t.kind = kind;
    t.begin = static_cast<uint32_t>(b);
    t.end = static_cast<uint32_t>(e);
    t.norm_begin = static_cast<uint32_t>(norm_begin);
    t.norm_end = static_cast<uint32_t>(norm.size());
    t.in_hashtag = in_hashtag;
    if (kind == TokenKind::kWord || kind == TokenKind::kNumber || kind == TokenKind::kMention ||
        kind == TokenKind::kHashtag) {
      t.capitalized = FirstLetterIsUpper(b + skip_prefix, e);
    }
    // Emoji and hashtag parts neither start nor consume a sentence start.
    if (kind != TokenKind::kPunct && kind != TokenKind::kEmoji && !in_hashtag) {
      t.sentence_start = sentence_pending_;
      sentence_pending_ = false;
    }
    return &t;
  }

  bool FirstLetterIsUpper(size_t b, size_t e) const {
    if (b < e && IsAsciiAlnum(static_cast<unsigned char>(s_[b])) && s_[b] > '9') return s_[b] <= 'Z';
    for (size_t j = b; j < e;) {
      const Cp c = At(j);
      if (c.kind == CharKind::kLetter) return internal::IsUpperCase(c.cp);
      j += c.len;
    }
    return false;
  }

  TokenizedText* out_;
  std::string_view s_;
  bool sentence_pending_ = true;
  bool stopped_ = false;
};

}  // namespace

void Tokenizer::Tokenize(std::string_view post_text, TokenizedText* out) const {
  out->Clear();
  if (post_text.size() > kMaxInputBytes) {
    size_t cut = kMaxInputBytes;
    while (cut > 0 && (static_cast<unsigned char>(post_text[cut]) & 0xC0) == 0x80) --cut;
    post_text = post_text.substr(0, cut);
  }
  if (IsValidUtf8(post_text)) {
    DecodeHtmlEntities(post_text, &out->text);
  } else {
    // `norm` serves as scratch space here; it is cleared before use.
    internal::AppendSanitizedUtf8(post_text, &out->norm);
    DecodeHtmlEntities(out->norm, &out->text);
    out->norm.clear();
  }
  Scanner(out).Run();
}

}  // namespace rapport::nlp
