// Fuzz target: the fact Extractor on arbitrary post text.
//
// Input: "text\x1flang\x1fcreated_at\x1fmention\x1fmention..." (fields
// separated by 0x1F; all but the text optional), so the fuzzer can reach
// the birthday dating and mention attribution paths. Checks each occurrence
// names a category and key, points at a mention that exists, and that the
// result does not depend on what the Extractor saw before.
#include <charconv>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "fuzz/fuzz_util.h"
#include "nlp/extractor.h"
#include "nlp/normalizer.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  namespace nlp = rapport::nlp;
  static nlp::Extractor extractor;  // reused, as a worker thread does
  auto parts = rapport::fuzz::Split(rapport::fuzz::AsView(data, size), '\x1f', 10);
  nlp::PostInput post;
  post.text = parts[0];
  if (parts.size() > 1) post.lang = parts[1];
  post.created_at = 1777842271;  // 2026-05-03T21:04:31Z
  if (parts.size() > 2) {
    int64_t t = 0;
    auto [ptr, ec] = std::from_chars(parts[2].data(), parts[2].data() + parts[2].size(), t);
    // Only what ParseTimestamp can yield: years 1970..9999, offsets up to 99:59.
    if (ec == std::errc() && t >= -360000 && t <= 253402660000) post.created_at = t;
  }
  for (size_t i = 3; i < parts.size(); ++i) post.mentions.push_back(parts[i]);

  std::vector<nlp::Occurrence> out;
  nlp::ExtractStatus status = extractor.Extract(post, &out);
  if (status != nlp::ExtractStatus::kOk) FUZZ_CHECK(out.empty());
  for (const nlp::Occurrence& o : out) {
    FUZZ_CHECK(!o.category.empty());
    FUZZ_CHECK(!o.key.empty());
    FUZZ_CHECK(o.mention_index >= -1 && o.mention_index < static_cast<int>(post.mentions.size()));
    FUZZ_CHECK(o.weight == o.weight);  // not NaN
    FUZZ_CHECK(nlp::IsValidUtf8(o.value));
    FUZZ_CHECK(nlp::IsValidUtf8(o.key));
  }
  nlp::Extractor fresh;
  std::vector<nlp::Occurrence> again;
  FUZZ_CHECK(fresh.Extract(post, &again) == status);
  FUZZ_CHECK(again.size() == out.size());
  for (size_t i = 0; i < out.size(); ++i) {
    FUZZ_CHECK(again[i].key == out[i].key);
    FUZZ_CHECK(again[i].value == out[i].value);
  }
  return 0;
}
