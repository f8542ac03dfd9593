// Fuzz target: the file connector (NewFileSource) on one file: gzip by magic
// bytes, format sniffing (JSON Lines, one JSON document, X archive parts),
// BOMs, line and inflate caps; every document it yields goes through
// PostParser as the pipeline would.
//
// Input: byte 0 holds flags, the rest is the file.
//   bit 0: gzip the file here (else it is written as is; it may itself be gzip)
//   bit 1: an X archive folder: the rest is split at the first 0x1F into
//          data/tweets.js and data/account.js
//   bit 2: tight caps (max_line_bytes 256, max_inflated_bytes 4096)
#include <zlib.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>

#include "connectors/file_source.h"
#include "fuzz/fuzz_util.h"
#include "fuzz/parse_check.h"

namespace {

void WriteGzip(const std::string& path, std::string_view content) {
  gzFile gz = gzopen(path.c_str(), "wb");
  if (gz == nullptr) return;
  if (!content.empty()) gzwrite(gz, content.data(), static_cast<unsigned>(content.size()));
  gzclose(gz);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using rapport::connectors::RawDoc;
  if (size < 1) return 0;
  static rapport::pipeline::PostParser parser;
  const uint8_t flags = data[0];
  std::string_view rest = rapport::fuzz::AsView(data + 1, size - 1);
  const auto& scratch = rapport::fuzz::Scratch();
  scratch.Clear();

  std::string main_rel = "input.jsonl";
  std::string_view main = rest;
  if (flags & 2) {
    auto parts = rapport::fuzz::Split(rest, '\x1f', 2);
    main = parts[0];
    main_rel = "archive/data/tweets.js";
    if (parts.size() > 1) scratch.Write("archive/data/account.js", parts[1]);
  }
  std::string path = scratch.Write(main_rel, "");
  if (flags & 1) {
    WriteGzip(path, main);
  } else {
    scratch.Write(main_rel, main);
  }

  rapport::connectors::FileSourceOptions options;
  if (flags & 4) {
    options.max_line_bytes = 256;
    options.max_inflated_bytes = 4096;
  } else {
    options.max_line_bytes = 1 << 20;
    options.max_inflated_bytes = 4 << 20;
  }
  std::string input = (flags & 2) ? (scratch.path() / "archive").string() : path;
  auto source = rapport::connectors::NewFileSource({input}, options);
  RawDoc doc;
  uint64_t docs = 0;
  while (source->Next(&doc)) {
    ++docs;
    // Whatever the input, nothing bigger than the caps is ever held: a
    // document over its cap keeps only a 4 KiB snippet for the dead-letter file.
    const uint64_t cap = doc.kind == RawDoc::Kind::kXArchive ? options.max_inflated_bytes : options.max_line_bytes;
    FUZZ_CHECK(doc.bytes.size() <= std::max<uint64_t>(cap, 4096));
    FUZZ_CHECK(doc.bytes.capacity() >= doc.bytes.size() + RawDoc::kPadding);
    FUZZ_CHECK(docs <= options.max_inflated_bytes + size + 2);
    FUZZ_CHECK(!doc.origin.source.empty());
    rapport::pipeline::ParsedDoc parsed;
    parser.Parse(doc, &parsed);
    rapport::fuzz::CheckParsed(doc, parsed);
    if (!doc.read_error.empty()) FUZZ_CHECK(!parsed.rejected.empty());
  }
  (void)source->status();
  return 0;
}
