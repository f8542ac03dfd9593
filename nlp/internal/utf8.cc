#include "nlp/internal/utf8.h"

namespace rapport::nlp::internal {

void AppendSanitizedUtf8(std::string_view in, std::string* out) {
  size_t i = 0;
  while (i < in.size()) {
    size_t j = i;
    while (j < in.size() && static_cast<unsigned char>(in[j]) < 0x80) ++j;
    out->append(in.data() + i, j - i);
    i = j;
    if (i >= in.size()) break;
    const Decoded d = DecodeUtf8(in, i);
    if (d.valid) {
      out->append(in.data() + i, d.len);
    } else {
      AppendUtf8(kReplacementChar, out);
    }
    i += d.len;
  }
}

}  // namespace rapport::nlp::internal
