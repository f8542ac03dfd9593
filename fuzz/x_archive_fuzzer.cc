// Fuzz target: PostParser::Parse on an X archive tweets.js
// ("window.YTD.tweets.part0 = [ {"tweet": {...}}, ... ]"), with an owner as
// the file connector sets it from account.js.
#include <cstddef>
#include <cstdint>

#include "fuzz/parse_check.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static rapport::pipeline::PostParser parser;
  rapport::fuzz::ParseAndCheck(&parser, rapport::fuzz::MakeDoc(rapport::fuzz::AsView(data, size),
                                                               rapport::connectors::RawDoc::Kind::kXArchive, ""));
  return 0;
}
