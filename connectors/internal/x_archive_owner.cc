#include "connectors/internal/x_archive_owner.h"

#include <simdjson.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <system_error>
#include <vector>

#include "connectors/internal/format_sniffer.h"
#include "connectors/internal/gz_file.h"
#include "connectors/internal/line_reader.h"

namespace rapport::connectors::internal {

namespace {

namespace fs = std::filesystem;

// account.js is a few hundred bytes; anything much bigger is not one.
constexpr uint64_t kMaxAccountBytes = 1 << 20;

Status ReadString(simdjson::dom::element root, const char* pointer, bool required, std::string* out) {
  std::string_view value;
  auto error = root.at_pointer(pointer).get_string().get(value);
  if (error) {
    if (!required && error == simdjson::NO_SUCH_FIELD) return Status::OK();
    return Status::Corruption(std::string(pointer) + ": " + simdjson::error_message(error));
  }
  if (required && value.empty()) return Status::Corruption(std::string(pointer) + " is empty");
  out->assign(value);
  return Status::OK();
}

// Reads the start of `path` (through gzip) to see if it is an account part.
bool IsAccountPart(const std::string& path) {
  auto file = GzFile::Open(path, kMaxAccountBytes);
  if (!file.ok()) return false;
  LineReader reader(std::move(*file), 4096);
  return SniffFormat(reader.Peek(4096)).format == FileFormat::kXArchiveAccount;
}

}  // namespace

Result<XArchiveOwner> ParseXArchiveAccount(std::string_view text) {
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  size_t start = text.find_first_not_of(" \t\r\n");
  if (start == std::string_view::npos || SniffFormat(text).format != FileFormat::kXArchiveAccount) {
    return Status::Corruption("does not start with window.YTD.account.");
  }
  size_t eq = text.find('=', start);
  if (eq == std::string_view::npos) return Status::Corruption("no = after window.YTD.account");
  simdjson::padded_string json(text.substr(eq + 1));
  simdjson::dom::parser parser;
  simdjson::dom::element root;
  if (auto error = parser.parse(json).get(root)) {
    return Status::Corruption(std::string("bad JSON: ") + simdjson::error_message(error));
  }
  XArchiveOwner owner;
  RAPPORT_RETURN_IF_ERROR(ReadString(root, "/0/account/accountId", true, &owner.id));
  RAPPORT_RETURN_IF_ERROR(ReadString(root, "/0/account/username", true, &owner.username));
  RAPPORT_RETURN_IF_ERROR(ReadString(root, "/0/account/accountDisplayName", false, &owner.name));
  return owner;
}

Result<XArchiveOwner> ReadXArchiveOwner(const std::string& dir) {
  std::string found;
  std::string conventional = (fs::path(dir) / "account.js").string();
  if (IsAccountPart(conventional)) {
    found = conventional;
  } else {
    std::error_code ec;
    std::vector<std::string> candidates;
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
      std::string name = it->path().filename().string();
      std::error_code type_ec;
      if (name.empty() || name[0] == '.' || !it->is_regular_file(type_ec)) continue;
      candidates.push_back(it->path().string());
    }
    std::sort(candidates.begin(), candidates.end());
    for (const std::string& path : candidates) {
      if (path != conventional && IsAccountPart(path)) {
        found = path;
        break;
      }
    }
  }
  if (found.empty()) return Status::NotFound("no account.js in " + dir);

  auto file = GzFile::Open(found, kMaxAccountBytes);
  if (!file.ok()) return file.status();
  LineReader reader(std::move(*file));
  std::string text;
  switch (reader.ReadAll(kMaxAccountBytes, &text)) {
    case LineReader::Outcome::kOk:
    case LineReader::Outcome::kEnd:
      break;
    case LineReader::Outcome::kTooLong:
      return Status::Corruption(found + ": larger than " + std::to_string(kMaxAccountBytes) + " bytes");
    case LineReader::Outcome::kError:
      return Status::Corruption(found + ": " + reader.error());
  }
  auto owner = ParseXArchiveAccount(text);
  if (!owner.ok()) return Status::Corruption(found + ": " + owner.status().message());
  return owner;
}

}  // namespace rapport::connectors::internal
