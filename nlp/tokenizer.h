// Post-aware tokenizer: words, numbers, @mentions, #hashtags, URLs, emoji.
//
// Tokenize() fills a caller-owned TokenizedText, reusing its buffers, so a
// worker thread that keeps one TokenizedText allocates nothing per token once
// warmed up. Tokenizer is immutable after construction; one instance may be
// shared by threads. A TokenizedText belongs to one thread.
//
// Example: "Soooo proud of @sam_r!! #MarathonTraining 🏃‍♀️ https://t.co/x &amp; more"
//   word "Soooo" (norm "soo"), word "proud", word "of", mention "@sam_r" (norm "sam_r"),
//   punct "!!", hashtag "#MarathonTraining" (norm "marathontraining") followed by
//   word "Marathon" (norm "marathon", in_hashtag) and word "Training" (norm "training",
//   in_hashtag), emoji "🏃‍♀️" (one token for the whole ZWJ sequence), url "https://t.co/x",
//   punct "&", word "more".
#ifndef RAPPORT_NLP_TOKENIZER_H_
#define RAPPORT_NLP_TOKENIZER_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace rapport::nlp {

enum class TokenKind : uint8_t {
  kWord,     // letters (any script), with inner apostrophes/hyphens: "don't", "mother-in-law"
  kNumber,   // digits with inner . , : / (e.g. "10", "3.5", "10:30", "4/15"); also "10th", "5k"
  kMention,  // @handle
  kHashtag,  // #tag
  kUrl,      // http(s)://..., www...., bare domains are words
  kEmoji,    // one grapheme of pictographs, incl. modifiers, VS16 and ZWJ sequences
  kPunct,    // a run of punctuation; sentence ends are runs containing . ! ? or a newline
};

struct Token {
  TokenKind kind = TokenKind::kWord;
  uint32_t begin = 0, end = 0;            // byte span in TokenizedText::text (the surface)
  uint32_t norm_begin = 0, norm_end = 0;  // byte span in TokenizedText::norm
  bool capitalized = false;     // surface starts with an uppercase letter
  bool sentence_start = false;  // first token of the text or after a sentence end
  bool in_hashtag = false;      // a CamelCase part of the preceding kHashtag token
  bool sentence_end = false;    // kPunct only: holds . ! ? or a line break
  bool question = false;        // kPunct only: holds '?'
};

struct TokenizedText {
  std::string text;  // the input after HTML entity decoding
  std::string norm;  // concatenated normalised forms (NFKC casefold, elongations squashed;
                     // mention/hashtag norms drop the '@'/'#'; url norms are the url as is)
  std::vector<Token> tokens;

  std::string_view Surface(const Token& t) const { return std::string_view(text).substr(t.begin, t.end - t.begin); }
  std::string_view Norm(const Token& t) const {
    return std::string_view(norm).substr(t.norm_begin, t.norm_end - t.norm_begin);
  }
  void Clear() { text.clear(); norm.clear(); tokens.clear(); }  // keeps capacity
};

class Tokenizer {
 public:
  // Clears *out and tokenizes `post_text` into it. Never fails: invalid UTF-8
  // bytes become U+FFFD in `text` and are skipped as tokens. Inputs over 1 GiB
  // are truncated (at a code point boundary) so that offsets fit in uint32_t.
  // Zero-width and bidi controls separate tokens and belong to none (ZWJ only
  // inside emoji). Emoji neither take nor consume a sentence_start.
  void Tokenize(std::string_view post_text, TokenizedText* out) const;
};

}  // namespace rapport::nlp

#endif  // RAPPORT_NLP_TOKENIZER_H_
