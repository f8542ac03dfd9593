#include "nlp/language.h"

#include <algorithm>
#include <array>

#include "nlp/internal/char_class.h"
#include "nlp/internal/utf8.h"
#include "nlp/stopwords.h"

namespace rapport::nlp {

namespace {

// Frequent function words of Spanish, French, German, Portuguese, Italian and
// Dutch that are not English words (nor in the English stopword list). They
// only break ties: a Latin-script post with more of these than English
// stopwords is not English ("Ich bin so müde" has "so" but also "ich").
// Our own list. Sorted (byte order) for binary search.
constexpr std::array<std::string_view, 98> kForeignFunctionWords = {
    "aber", "anche", "au", "auch", "auf", "aux", "avec", "c'est", "cette", "che", "como", "cuando", "dans",
    "das", "de", "del", "della", "dem", "der", "des", "di", "du", "een", "ein", "eine", "el", "ela", "ele",
    "elle", "en", "es", "esta", "estoy", "está", "et", "fue", "het", "ich", "ihr", "ik", "il", "io", "ist",
    "j'ai", "je", "la", "las", "le", "les", "los", "maar", "mais", "mas", "met", "muito", "muy", "más",
    "nein", "nicht", "niet", "noch", "non", "nous", "nur", "não", "oder", "para", "pas", "pero", "por",
    "porque", "pour", "que", "questa", "questo", "qui", "sich", "sie", "sind", "sono", "sur", "también",
    "très", "tu", "uma", "un", "una", "und", "une", "você", "voor", "vous", "wie", "wir", "y", "zijn",
    "zu", "ça",
};

static_assert(std::is_sorted(kForeignFunctionWords.begin(), kForeignFunctionWords.end()),
              "kForeignFunctionWords must be sorted");

// Share of word tokens that must be English stopwords, in percent. Running
// English has 40-50%; short English posts go down to ~15%.
constexpr int kMinStopwordPercent = 15;
// Posts of at most this many words with no stopword of either list count as
// English when all ASCII ("Great game tonight").
constexpr int kMaxShortPostWords = 5;

char AsciiLower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + ('a' - 'A')) : c; }

bool EqualsNoCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (AsciiLower(a[i]) != b[i]) return false;
  }
  return true;
}

bool IsAsciiAlpha(std::string_view s) {
  for (char c : s) {
    if ((c | 0x20) < 'a' || (c | 0x20) > 'z') return false;
  }
  return true;
}

enum class TagVerdict { kEnglish, kOther, kUnknown };

// Classifies a BCP 47-ish tag by its primary subtag ("en-GB" -> "en").
TagVerdict ClassifyTag(std::string_view tag) {
  while (!tag.empty() && tag.front() == ' ') tag.remove_prefix(1);
  while (!tag.empty() && tag.back() == ' ') tag.remove_suffix(1);
  const std::string_view primary = tag.substr(0, tag.find_first_of("-_"));
  if (EqualsNoCase(primary, "en") || EqualsNoCase(primary, "eng")) return TagVerdict::kEnglish;
  // Undetermined, no linguistic content, multiple, uncoded, artificial.
  for (std::string_view none : {"", "und", "zxx", "mul", "mis", "art"}) {
    if (EqualsNoCase(primary, none)) return TagVerdict::kUnknown;
  }
  if (!IsAsciiAlpha(primary) || primary.size() < 2 || primary.size() > 3) return TagVerdict::kUnknown;
  // qaa..qtz is reserved for private use; Twitter uses it for "qme" (media
  // only), "qht" (hashtags only), "qam" (mentions only), "qst" (very short).
  const char first = AsciiLower(primary[0]);
  if (primary.size() == 3 && first == 'q' && AsciiLower(primary[1]) <= 't') return TagVerdict::kUnknown;
  return TagVerdict::kOther;
}

bool IsForeignFunctionWord(std::string_view word) {
  return std::binary_search(kForeignFunctionWords.begin(), kForeignFunctionWords.end(), word);
}

// True if the first letter of `norm` is Latin script (norms of words start
// with a letter or a mark).
bool StartsWithLatinLetter(std::string_view norm) {
  for (size_t i = 0; i < norm.size();) {
    const internal::Decoded d = internal::DecodeUtf8(norm, i);
    if (internal::Classify(d.cp) == internal::CharKind::kLetter) return internal::IsLatinLetter(d.cp);
    i += d.len;
  }
  return false;
}

bool GuessEnglish(const TokenizedText& text) {
  int words = 0, latin = 0, english = 0, foreign = 0;
  bool all_ascii = true;
  for (const Token& t : text.tokens) {
    if (t.kind != TokenKind::kWord || t.in_hashtag) continue;
    ++words;
    const std::string_view norm = text.Norm(t);
    if (StartsWithLatinLetter(norm)) ++latin;
    if (!internal::IsAscii(text.Surface(t))) all_ascii = false;
    if (IsStopword(norm)) {
      ++english;
    } else if (IsForeignFunctionWord(norm)) {
      ++foreign;
    }
  }
  if (words < 3) return all_ascii;
  if (latin * 2 <= words) return false;
  if (english > foreign && english * 100 >= words * kMinStopwordPercent) return true;
  return english == 0 && foreign == 0 && words <= kMaxShortPostWords && all_ascii;
}

}  // namespace

bool IsEnglish(std::string_view platform_lang, const TokenizedText& text) {
  switch (ClassifyTag(platform_lang)) {
    case TagVerdict::kEnglish:
      return true;
    case TagVerdict::kOther:
      return false;
    case TagVerdict::kUnknown:
      break;
  }
  return GuessEnglish(text);
}

}  // namespace rapport::nlp
