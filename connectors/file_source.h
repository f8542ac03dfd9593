// FileSource: reads posts from local files, recognising formats by content.
//
// Each input path is a file or a folder (walked recursively, sorted by path so
// runs are deterministic). Files may be gzip-compressed (detected by magic
// bytes, never by name). What is yielded:
//   - a JSON Lines file (X API v2 pages one per line as written by twarc2 or
//     --save-raw, or one post per line): one RawDoc per non-blank line;
//   - a file holding one JSON value spread over several lines (a saved API
//     response): one RawDoc for the whole file;
//   - an X archive `tweets.js` (starts with `window.YTD.`): one kXArchive doc,
//     with the owner read from `account.js` in the same folder. Other archive
//     parts (account.js, like.js...) are not posts and are skipped.
// Lines longer than Options::max_line_bytes and files that inflate past
// Options::max_inflated_bytes are yielded with read_error set (dead-lettered
// by the pipeline), not loaded whole.
// Not thread-safe.
#ifndef RAPPORT_CONNECTORS_FILE_SOURCE_H_
#define RAPPORT_CONNECTORS_FILE_SOURCE_H_

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "connectors/source.h"

namespace rapport::connectors {

struct FileSourceOptions {
  // Default: 16 MiB. A longer line is reported, not loaded.
  uint64_t max_line_bytes = 16ull << 20;
  // Default: 4 GiB. Guard against gzip bombs: stop reading a file past this.
  uint64_t max_inflated_bytes = 4ull << 30;
};

// REQUIRES: paths non-empty. A missing path makes status() NotFound after the
// other paths have been read.
std::unique_ptr<Source> NewFileSource(std::vector<std::string> paths, FileSourceOptions options = {});

}  // namespace rapport::connectors

#endif  // RAPPORT_CONNECTORS_FILE_SOURCE_H_
