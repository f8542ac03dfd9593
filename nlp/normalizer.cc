#include "nlp/normalizer.h"

#include <utf8proc.h>

#include <cstdint>
#include <cstring>
#include <vector>

#include "nlp/internal/html_entities.h"
#include "nlp/internal/utf8.h"

namespace rapport::nlp {

namespace {

// NFKC + full case folding. UTF8PROC_IGNORE is deliberately absent: it would
// strip ZWJ (U+200D) and VS16, which emoji sequences need.
constexpr utf8proc_option_t kNfkcCasefoldOptions = static_cast<utf8proc_option_t>(
    UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_COMPAT | UTF8PROC_CASEFOLD);

// Longest entity name we look up ("thinsp", "epsilon"); longer runs are not references.
constexpr size_t kMaxEntityNameLength = 16;
// Enough digits for any valid code point with leading zeros; more is malformed.
constexpr size_t kMaxEntityDigits = 10;

bool IsAsciiAlnum(char c) {
  return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if ((c | 0x20) >= 'a' && (c | 0x20) <= 'f') return (c | 0x20) - 'a' + 10;
  return -1;
}

// Decodes the reference starting at in[amp] == '&'. On success appends the
// character and returns the number of bytes consumed; returns 0 otherwise.
size_t DecodeOneEntity(std::string_view in, size_t amp, std::string* out) {
  size_t i = amp + 1;
  char32_t cp = 0;
  if (i < in.size() && in[i] == '#') {
    ++i;
    const bool hex = i < in.size() && (in[i] == 'x' || in[i] == 'X');
    if (hex) ++i;
    const size_t digits_begin = i;
    uint64_t value = 0;
    while (i < in.size() && i - digits_begin < kMaxEntityDigits) {
      const int d = hex ? HexValue(in[i]) : (in[i] >= '0' && in[i] <= '9' ? in[i] - '0' : -1);
      if (d < 0) break;
      value = value * (hex ? 16 : 10) + static_cast<uint64_t>(d);
      ++i;
    }
    if (i == digits_begin || i >= in.size() || in[i] != ';') return 0;
    cp = internal::MapNumericHtmlEntity(value);
  } else {
    const size_t name_begin = i;
    while (i < in.size() && i - name_begin <= kMaxEntityNameLength && IsAsciiAlnum(in[i])) ++i;
    if (i == name_begin || i >= in.size() || in[i] != ';') return 0;
    cp = internal::LookupNamedHtmlEntity(in.substr(name_begin, i - name_begin));
  }
  if (cp == 0) return 0;
  internal::AppendUtf8(cp, out);
  return i + 1 - amp;
}

// Per-thread scratch buffers so the non-ASCII path does not allocate once warm.
struct CasefoldScratch {
  std::vector<utf8proc_int32_t> codepoints;
  std::string sanitized;
};

CasefoldScratch& Scratch() {
  thread_local CasefoldScratch scratch;
  return scratch;
}

}  // namespace

void DecodeHtmlEntities(std::string_view in, std::string* out) {
  size_t i = 0;
  while (i < in.size()) {
    const size_t amp = in.find('&', i);
    if (amp == std::string_view::npos) {
      out->append(in.data() + i, in.size() - i);
      return;
    }
    out->append(in.data() + i, amp - i);
    const size_t consumed = DecodeOneEntity(in, amp, out);
    if (consumed == 0) {
      out->push_back('&');
      i = amp + 1;
    } else {
      i = amp + consumed;
    }
  }
}

void NormalizeCasefold(std::string_view in, std::string* out) {
  if (internal::IsAscii(in)) {
    const size_t base = out->size();
    out->resize(base + in.size());
    char* dst = out->data() + base;
    for (size_t i = 0; i < in.size(); ++i) {
      const char c = in[i];
      dst[i] = (c >= 'A' && c <= 'Z') ? static_cast<char>(c + ('a' - 'A')) : c;
    }
    return;
  }
  CasefoldScratch& scratch = Scratch();
  std::string_view src = in;
  if (!IsValidUtf8(in)) {
    scratch.sanitized.clear();
    internal::AppendSanitizedUtf8(in, &scratch.sanitized);
    src = scratch.sanitized;
  }
  // Same steps as utf8proc_map(), but into a reused buffer: decompose (with
  // compatibility mappings and case folding), then recompose.
  std::vector<utf8proc_int32_t>& buf = scratch.codepoints;
  if (buf.size() < src.size() + 16) buf.resize(src.size() + 16);
  const auto* bytes = reinterpret_cast<const utf8proc_uint8_t*>(src.data());
  const auto len = static_cast<utf8proc_ssize_t>(src.size());
  utf8proc_ssize_t n =
      utf8proc_decompose(bytes, len, buf.data(), static_cast<utf8proc_ssize_t>(buf.size()), kNfkcCasefoldOptions);
  if (n > static_cast<utf8proc_ssize_t>(buf.size())) {
    buf.resize(static_cast<size_t>(n));
    n = utf8proc_decompose(bytes, len, buf.data(), n, kNfkcCasefoldOptions);
  }
  if (n >= 0) n = utf8proc_normalize_utf32(buf.data(), n, kNfkcCasefoldOptions);
  if (n < 0) {
    // Not reachable with sanitized input; keep the text rather than drop it.
    out->append(src.data(), src.size());
    return;
  }
  for (utf8proc_ssize_t k = 0; k < n; ++k) internal::AppendUtf8(static_cast<char32_t>(buf[k]), out);
}

void SquashElongations(std::string_view in, std::string* out) {
  size_t run = 0;  // length of the current run of one ASCII letter in `in`
  for (size_t i = 0; i < in.size(); ++i) {
    const char c = in[i];
    const bool letter = (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
    run = (letter && i > 0 && in[i - 1] == c) ? run + 1 : 1;
    if (!letter || run <= 2) out->push_back(c);
  }
}

bool IsValidUtf8(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    // Skip ASCII eight bytes at a time.
    while (i + 8 <= s.size()) {
      uint64_t word;
      std::memcpy(&word, s.data() + i, 8);
      if (word & 0x8080808080808080ULL) break;
      i += 8;
    }
    if (i >= s.size()) break;
    const internal::Decoded d = internal::DecodeUtf8(s, i);
    if (!d.valid) return false;
    i += d.len;
  }
  return true;
}

}  // namespace rapport::nlp
