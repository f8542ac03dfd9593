#include "pipeline/export/json_text.h"

#include <cstddef>

#include "pipeline/export/byte_scan.h"

namespace rapport::pipeline {

using namespace std::string_view_literals;

namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD

// Looks at the sequence starting with the non-ASCII byte p[0] (n >= 1 bytes
// available). Returns true if it is well-formed; *len is then its length.
// Otherwise returns false and *len is the length of the maximal ill-formed
// subpart to replace with one U+FFFD (always >= 1). Follows Unicode Table 3-7.
bool DecodeNonAscii(const unsigned char* p, size_t n, size_t* len) {
  const unsigned char b0 = p[0];
  size_t want;
  unsigned char lo = 0x80, hi = 0xBF;  // allowed range of the second byte
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    want = 2;
  } else if (b0 == 0xE0) {
    want = 3, lo = 0xA0;  // excludes overlong 3-byte forms
  } else if ((b0 >= 0xE1 && b0 <= 0xEC) || b0 == 0xEE || b0 == 0xEF) {
    want = 3;
  } else if (b0 == 0xED) {
    want = 3, hi = 0x9F;  // excludes surrogates U+D800..U+DFFF
  } else if (b0 == 0xF0) {
    want = 4, lo = 0x90;  // excludes overlong 4-byte forms
  } else if (b0 >= 0xF1 && b0 <= 0xF3) {
    want = 4;
  } else if (b0 == 0xF4) {
    want = 4, hi = 0x8F;  // excludes > U+10FFFF
  } else {
    *len = 1;  // continuation byte, C0/C1 (always overlong), F5..FF
    return false;
  }
  if (n < 2 || p[1] < lo || p[1] > hi) {
    *len = 1;
    return false;
  }
  for (size_t i = 2; i < want; ++i) {
    if (i >= n || (p[i] & 0xC0) != 0x80) {
      *len = i;
      return false;
    }
  }
  *len = want;
  return true;
}


}  // namespace

bool IsValidUtf8(std::string_view s) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const size_t n = s.size();
  size_t i = 0;
  while (i < n) {
    if (p[i] < 0x80) {
      i += AsciiPrefix(s.substr(i));
      continue;
    }
    size_t len;
    if (!DecodeNonAscii(p + i, n - i, &len)) return false;
    i += len;
  }
  return true;
}

void AppendValidUtf8(std::string* out, std::string_view s) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const size_t n = s.size();
  size_t i = 0, run = 0;  // s[run, i) is valid and not yet appended
  while (i < n) {
    if (p[i] < 0x80) {
      i += AsciiPrefix(s.substr(i));
      continue;
    }
    size_t len;
    if (DecodeNonAscii(p + i, n - i, &len)) {
      i += len;
      continue;
    }
    out->append(s.data() + run, i - run);
    out->append(kReplacement);
    i += len;
    run = i;
  }
  out->append(s.data() + run, n - run);
}

void AppendJsonString(std::string* out, std::string_view s) {
  static constexpr char kHex[] = "0123456789abcdef";
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const size_t n = s.size();
  out->reserve(out->size() + n + 2);
  out->push_back('"');
  size_t i = 0;
  while (i < n) {
    // Fast path: copy a run of plain ASCII in one append.
    const size_t start = i;
    i += JsonPlainPrefix(s.substr(i));
    if (i > start) out->append(s.data() + start, i - start);
    if (i >= n) break;

    const unsigned char c = p[i];
    if (c < 0x80) {
      switch (c) {
        case '"': out->append("\\\""sv); break;
        case '\\': out->append("\\\\"sv); break;
        case '\b': out->append("\\b"sv); break;
        case '\f': out->append("\\f"sv); break;
        case '\n': out->append("\\n"sv); break;
        case '\r': out->append("\\r"sv); break;
        case '\t': out->append("\\t"sv); break;
        default:
          out->append("\\u00"sv);
          out->push_back(kHex[c >> 4]);
          out->push_back(kHex[c & 0xF]);
      }
      ++i;
      continue;
    }
    size_t len;
    if (!DecodeNonAscii(p + i, n - i, &len)) {
      out->append(kReplacement);
    } else if (len == 3 && c == 0xE2 && p[i + 1] == 0x80 && (p[i + 2] == 0xA8 || p[i + 2] == 0xA9)) {
      // U+2028/U+2029 are valid JSON but end lines in JavaScript and some readers.
      out->append(p[i + 2] == 0xA8 ? "\\u2028" : "\\u2029");
    } else {
      out->append(s.data() + i, len);
    }
    i += len;
  }
  out->push_back('"');
}

}  // namespace rapport::pipeline
