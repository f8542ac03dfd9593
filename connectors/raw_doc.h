// RawDoc: one unit of outside bytes with where it came from.
//
// A connector yields RawDocs; the pipeline's parse stage turns them into Posts.
// Example: {kind: kJson, origin: {source: "data/sample/x_pages.jsonl", line: 3},
//           bytes: "{\"data\":[...],\"includes\":{...}}"}
// Plain value type; not synchronized.
#ifndef RAPPORT_CONNECTORS_RAW_DOC_H_
#define RAPPORT_CONNECTORS_RAW_DOC_H_

#include <cstdint>
#include <string>

namespace rapport::connectors {

// Where a document came from: a file and 1-based line, or a URL and page number.
struct Origin {
  std::string source;   // file path or request URL (never with credentials)
  uint64_t line = 0;    // 1-based line in `source`; for HTTP, the page number
  std::string ToString() const { return line ? source + ":" + std::to_string(line) : source; }
};

struct RawDoc {
  enum class Kind {
    kJson,          // one JSON value: an API page, a single post, or a JSONL record
    kXArchive,      // an X archive tweets.js (JS assignment prefix kept); owner fields set
  };
  Kind kind = Kind::kJson;
  // "x", "bluesky" or "mastodon" when the source knows it (HTTP sources);
  // "" lets the parser tell from the content (files, --save-raw replays).
  std::string platform;
  Origin origin;
  // The bytes. Capacity is at least size() + kPadding so simdjson can parse in
  // place (see simdjson::padded_string_view).
  std::string bytes;
  // Set when the read itself was bad (line over the size cap, gzip error...):
  // the parse stage dead-letters the doc with this reason instead of parsing.
  std::string read_error;
  // kXArchive only: the archive owner from account.js.
  std::string owner_id, owner_username, owner_name;

  static constexpr size_t kPadding = 64;  // >= simdjson::SIMDJSON_PADDING
};

}  // namespace rapport::connectors

#endif  // RAPPORT_CONNECTORS_RAW_DOC_H_
