// Fuzz target: the post-aware Tokenizer on arbitrary bytes (invalid UTF-8,
// entities, URLs, mentions, hashtags, emoji ZWJ sequences, bidi controls).
// Checks every token span lies inside its buffer, on code point boundaries,
// in order, and that both buffers are valid UTF-8. One TokenizedText is
// reused across inputs, as a worker thread does.
#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz/fuzz_util.h"
#include "nlp/normalizer.h"
#include "nlp/tokenizer.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  namespace nlp = rapport::nlp;
  static const nlp::Tokenizer tokenizer;
  static nlp::TokenizedText tt;
  tokenizer.Tokenize(rapport::fuzz::AsView(data, size), &tt);
  FUZZ_CHECK(nlp::IsValidUtf8(tt.text));
  FUZZ_CHECK(nlp::IsValidUtf8(tt.norm));
  uint32_t prev_begin = 0;
  for (const nlp::Token& t : tt.tokens) {
    FUZZ_CHECK(t.begin < t.end);
    FUZZ_CHECK(t.end <= tt.text.size());
    FUZZ_CHECK(t.norm_begin <= t.norm_end);
    FUZZ_CHECK(t.norm_end <= tt.norm.size());
    FUZZ_CHECK(t.begin >= prev_begin);
    prev_begin = t.begin;
    FUZZ_CHECK(nlp::IsValidUtf8(tt.Surface(t)));
    FUZZ_CHECK(nlp::IsValidUtf8(tt.Norm(t)));
    if (t.sentence_end || t.question) FUZZ_CHECK(t.kind == nlp::TokenKind::kPunct);
    if (t.kind == nlp::TokenKind::kMention) FUZZ_CHECK(tt.Surface(t)[0] == '@');
  }
  // Same input, fresh buffers: same result.
  nlp::TokenizedText fresh;
  tokenizer.Tokenize(rapport::fuzz::AsView(data, size), &fresh);
  FUZZ_CHECK(fresh.text == tt.text);
  FUZZ_CHECK(fresh.norm == tt.norm);
  FUZZ_CHECK(fresh.tokens.size() == tt.tokens.size());
  return 0;
}
