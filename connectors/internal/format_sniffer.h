// SniffFormat: tells what kind of file this is from its first bytes.
//
// Decides by content only, never by file name:
//   - nothing but whitespace (or nothing at all): kEmpty;
//   - a NUL byte near the start: kBinary;
//   - `window.YTD.<part>.` : an X archive part (tweets, account, or another);
//   - `{` or `[` : JSON. When the first non-blank line is itself one whole
//     object or array (starts with `{` and ends with `}`, or `[` ... `]`),
//     or does not end within `head`, the file is JSON Lines; otherwise it is
//     one JSON document spread over several lines;
//   - anything else: kUnknown.
// A UTF-8 byte order mark is skipped and reported in bom_bytes.
// Pure function; thread-safe.
#ifndef RAPPORT_CONNECTORS_INTERNAL_FORMAT_SNIFFER_H_
#define RAPPORT_CONNECTORS_INTERNAL_FORMAT_SNIFFER_H_

#include <cstddef>
#include <string_view>

namespace rapport::connectors::internal {

enum class FileFormat {
  kEmpty,
  kBinary,
  kUnknown,
  kJsonLines,
  kJsonDocument,
  kXArchiveTweets,   // window.YTD.tweets.partN (older archives: window.YTD.tweet.partN)
  kXArchiveAccount,  // window.YTD.account.partN: the archive owner
  kXArchiveOther,    // any other archive part (like, follower...): not posts
};

struct SniffResult {
  FileFormat format = FileFormat::kEmpty;
  size_t bom_bytes = 0;  // 3 when the file starts with a UTF-8 BOM, else 0
};

// `head` is the start of the file: up to a whole read chunk, or the whole
// file if it is shorter.
SniffResult SniffFormat(std::string_view head);

// The archive prefix every X archive part starts with.
inline constexpr std::string_view kXArchivePrefix = "window.YTD.";

const char* FileFormatName(FileFormat format);

}  // namespace rapport::connectors::internal

#endif  // RAPPORT_CONNECTORS_INTERNAL_FORMAT_SNIFFER_H_
