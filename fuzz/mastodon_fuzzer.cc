// Fuzz target: PostParser::Parse on a document an HTTP source tagged
// "mastodon" (statuses arrays, single statuses, thread contexts), which goes
// straight to the Mastodon parser (HTML content to text included).
#include <cstddef>
#include <cstdint>

#include "fuzz/parse_check.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static rapport::pipeline::PostParser parser;
  rapport::fuzz::ParseAndCheck(&parser, rapport::fuzz::MakeDoc(rapport::fuzz::AsView(data, size),
                                                               rapport::connectors::RawDoc::Kind::kJson, "mastodon"));
  return 0;
}
