// Fuzz target: PostParser::Parse on one JSON document whose platform is told
// by content (X API v2 pages and posts, v1.1 responses, and the Bluesky and
// Mastodon shapes once recognised), as the file connector hands it over.
#include <cstddef>
#include <cstdint>

#include "fuzz/parse_check.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static rapport::pipeline::PostParser parser;  // reused, as a pipeline worker does
  rapport::fuzz::ParseAndCheck(
      &parser, rapport::fuzz::MakeDoc(rapport::fuzz::AsView(data, size), rapport::connectors::RawDoc::Kind::kJson, ""));
  return 0;
}
