// Fuzz target: the normaliser (nlp/normalizer.h): HTML entity decoding,
// NFKC casefolding (utf8proc), elongation squashing and UTF-8 validation, on
// arbitrary bytes. Checks that outputs are valid UTF-8 whatever the input,
// that the ASCII fast path agrees with plain lowercasing, and that the two
// UTF-8 validators of the project agree with simdjson's.
#include <simdjson.h>

#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz/fuzz_util.h"
#include "nlp/normalizer.h"
#include "pipeline/export/json_text.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  namespace nlp = rapport::nlp;
  const std::string_view in = rapport::fuzz::AsView(data, size);
  const bool valid = nlp::IsValidUtf8(in);
  FUZZ_CHECK(valid == rapport::pipeline::IsValidUtf8(in));
  FUZZ_CHECK(valid == simdjson::validate_utf8(in.data(), in.size()));

  std::string decoded;
  nlp::DecodeHtmlEntities(in, &decoded);
  if (valid) FUZZ_CHECK(nlp::IsValidUtf8(decoded));
  if (in.find('&') == std::string_view::npos) FUZZ_CHECK(decoded == in);

  std::string folded = "prefix";  // appends, never clears
  nlp::NormalizeCasefold(in, &folded);
  FUZZ_CHECK(folded.compare(0, 6, "prefix") == 0);
  FUZZ_CHECK(nlp::IsValidUtf8(std::string_view(folded).substr(6)));
  bool ascii = true;
  for (char c : in) ascii &= static_cast<unsigned char>(c) < 0x80;
  if (ascii) {
    std::string lower(in);
    for (char& c : lower)
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    FUZZ_CHECK(std::string_view(folded).substr(6) == lower);
  }

  std::string squashed;
  nlp::SquashElongations(in, &squashed);
  FUZZ_CHECK(squashed.size() <= in.size());
  if (valid) FUZZ_CHECK(nlp::IsValidUtf8(squashed));
  std::string twice;
  nlp::SquashElongations(squashed, &twice);
  FUZZ_CHECK(twice == squashed);  // idempotent
  return 0;
}
