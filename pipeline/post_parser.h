// PostParser: turns one RawDoc into owned Posts with simdjson On-Demand.
//
// Recognised by content:
//   - X API v2 responses: {"data": [tweet...] or tweet, "includes": {"users": [...]},
//     "errors": [...], "meta": {...}} (twarc2's "__twarc" key tolerated);
//   - a single X API v2 tweet object ({"id", "text", "author_id", ...});
//   - X API v1.1 search responses ({"statuses": [...]}) and single v1.1 tweets;
//   - X account archive tweets.js (RawDoc::Kind::kXArchive; owner from account.js).
// A structurally bad document (not JSON, truncated, invalid UTF-8 outside any
// record) is rejected whole; a bad record inside a good page (missing id,
// bad date, invalid UTF-8 inside it) is rejected alone, the rest is kept.
// Partial API errors[] are reported as api_errors, not rejections.
//
// Not thread-safe: keep one PostParser per thread (it owns a simdjson parser).
#ifndef RAPPORT_PIPELINE_POST_PARSER_H_
#define RAPPORT_PIPELINE_POST_PARSER_H_

#include <memory>
#include <string>
#include <vector>

#include "connectors/raw_doc.h"
#include "pipeline/post.h"

namespace rapport::pipeline {

struct Rejected {
  std::string origin;  // "file:line" (and "#index" for a record inside a page)
  std::string reason;  // short, stable prefix first: "invalid JSON: ...", "missing id", ...
  std::string raw;     // the record's (or document's) bytes
};

struct ParsedDoc {
  std::vector<Post> posts;
  std::vector<Rejected> rejected;
  std::vector<std::string> api_errors;  // "title: detail" of partial errors[] entries
  std::vector<std::string> api_error_origins;  // per api_errors[i]: the document's origin (file:line)
  void Clear() { posts.clear(); rejected.clear(); api_errors.clear(); api_error_origins.clear(); }
};

class PostParser {
 public:
  PostParser();
  ~PostParser();
  PostParser(const PostParser&) = delete;
  PostParser& operator=(const PostParser&) = delete;

  // Appends what `doc` holds to *out. Never fails as a whole: problems are
  // reported in out->rejected.
  void Parse(const connectors::RawDoc& doc, ParsedDoc* out);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Parses "2026-05-03T21:04:31.000Z" (ISO 8601, UTC or with offset) and
// "Thu Jun 01 17:37:00 +0000 2023" (X v1.1/archive). Returns false if neither.
bool ParseTimestamp(std::string_view text, int64_t* unix_seconds);
// 1777842271 -> "2026-05-03T21:04:31Z".
std::string FormatTimestamp(int64_t unix_seconds);

}  // namespace rapport::pipeline

#endif  // RAPPORT_PIPELINE_POST_PARSER_H_
