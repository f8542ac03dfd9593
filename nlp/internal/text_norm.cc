#include "nlp/internal/text_norm.h"

#include "nlp/internal/utf8.h"
#include "nlp/normalizer.h"

namespace rapport::nlp::internal {

void AppendWordNorm(std::string_view surface, std::string* out) {
  const size_t base = out->size();
  if (IsAscii(surface)) {
    // Most words: lower-case and squash in one pass, as the general path below
    // does in two (ASCII has no U+2019 and folds to itself but for A-Z).
    out->resize(base + surface.size());
    char* p = out->data();
    size_t w = base;
    for (const char raw : surface) {
      const char c = (raw >= 'A' && raw <= 'Z') ? static_cast<char>(raw + ('a' - 'A')) : raw;
      if (c >= 'a' && c <= 'z' && w >= base + 2 && p[w - 1] == c && p[w - 2] == c) continue;
      p[w++] = c;
    }
    out->resize(w);
    return;
  }
  NormalizeCasefold(surface, out);
  // One compaction pass over the appended bytes: ’ (E2 80 99) -> ', squash.
  char* p = out->data();
  const size_t end = out->size();
  size_t w = base;
  for (size_t r = base; r < end; ++r) {
    char c = p[r];
    if (c == '\xE2' && r + 2 < end && p[r + 1] == '\x80' && p[r + 2] == '\x99') {
      c = '\'';
      r += 2;
    }
    const bool letter = (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
    if (letter && w >= base + 2 && p[w - 1] == c && p[w - 2] == c) continue;
    p[w++] = c;
  }
  out->resize(w);
}

}  // namespace rapport::nlp::internal
