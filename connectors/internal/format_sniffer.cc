#include "connectors/internal/format_sniffer.h"

#include <algorithm>

namespace rapport::connectors::internal {

namespace {

constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";
// How far to look for NUL bytes: binary formats show them early.
constexpr size_t kBinaryProbeBytes = 8192;

bool IsJsonSpace(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

bool IsIdentChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

std::string_view TrimRight(std::string_view s) {
  while (!s.empty() && IsJsonSpace(s.back())) s.remove_suffix(1);
  return s;
}

}  // namespace

SniffResult SniffFormat(std::string_view head) {
  SniffResult result;
  if (head.substr(0, kUtf8Bom.size()) == kUtf8Bom) {
    result.bom_bytes = kUtf8Bom.size();
    head.remove_prefix(kUtf8Bom.size());
  }
  if (head.substr(0, kBinaryProbeBytes).find('\0') != std::string_view::npos) {
    result.format = FileFormat::kBinary;
    return result;
  }
  size_t start = 0;
  while (start < head.size() && IsJsonSpace(head[start])) ++start;
  if (start == head.size()) {
    result.format = FileFormat::kEmpty;
    return result;
  }
  std::string_view rest = head.substr(start);
  if (rest.substr(0, kXArchivePrefix.size()) == kXArchivePrefix) {
    std::string_view part = rest.substr(kXArchivePrefix.size());
    size_t len = 0;
    while (len < part.size() && IsIdentChar(part[len])) ++len;
    part = part.substr(0, len);
    if (part == "tweets" || part == "tweet") {
      result.format = FileFormat::kXArchiveTweets;
    } else if (part == "account") {
      result.format = FileFormat::kXArchiveAccount;
    } else {
      result.format = FileFormat::kXArchiveOther;
    }
    return result;
  }
  if (rest[0] != '{' && rest[0] != '[') {
    result.format = FileFormat::kUnknown;
    return result;
  }
  size_t nl = rest.find('\n');
  if (nl == std::string_view::npos) {
    // One line, or a first line longer than `head`: either way, read by line.
    result.format = FileFormat::kJsonLines;
    return result;
  }
  std::string_view first = TrimRight(rest.substr(0, nl));
  char close = rest[0] == '{' ? '}' : ']';
  result.format = first.back() == close ? FileFormat::kJsonLines : FileFormat::kJsonDocument;
  return result;
}

const char* FileFormatName(FileFormat format) {
  switch (format) {
    case FileFormat::kEmpty:
      return "empty";
    case FileFormat::kBinary:
      return "binary";
    case FileFormat::kUnknown:
      return "unknown";
    case FileFormat::kJsonLines:
      return "JSON Lines";
    case FileFormat::kJsonDocument:
      return "JSON document";
    case FileFormat::kXArchiveTweets:
      return "X archive tweets";
    case FileFormat::kXArchiveAccount:
      return "X archive account";
    case FileFormat::kXArchiveOther:
      return "X archive part";
  }
  return "unknown";
}

}  // namespace rapport::connectors::internal
