#include "connectors/internal/gz_file.h"

#include <zlib.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <string_view>
#include <system_error>

namespace rapport::connectors::internal {

namespace {

// zlib's own buffer, and the most asked of gzread() in one call: a corrupt
// stream makes gzread() drop what it inflated during the failing call, so
// smaller calls lose less of the good data before the damage.
constexpr unsigned kZlibBufferBytes = 128 << 10;
constexpr size_t kMaxReadCall = 256 << 10;

}  // namespace

GzFile::~GzFile() { gzclose(file_); }

Result<std::unique_ptr<GzFile>> GzFile::Open(const std::string& path, uint64_t max_inflated_bytes) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) {
    if (ec && ec != std::errc::no_such_file_or_directory) {
      return Status::IoError("cannot open " + path + ": " + ec.message());
    }
    return Status::NotFound("no such file or directory: " + path);
  }
  errno = 0;
  gzFile file = gzopen(path.c_str(), "rb");
  if (file == nullptr) {
    int err = errno;
    return Status::IoError("cannot open " + path + ": " + (err ? std::strerror(err) : "out of memory"));
  }
  gzbuffer(file, kZlibBufferBytes);
  return std::unique_ptr<GzFile>(new GzFile(file, path, max_inflated_bytes));
}

bool GzFile::compressed() const { return gzdirect(file_) == 0; }

int64_t GzFile::Read(char* buf, size_t n) {
  if (!error_.empty()) return -1;
  if (over_cap_) {
    error_ = "inflated size exceeds " + std::to_string(max_inflated_bytes_) + " bytes";
    return -1;
  }
  size_t total = 0;
  while (total < n) {
    size_t want = std::min(n - total, kMaxReadCall);
    if (bytes_read_ + total + want > max_inflated_bytes_ && compressed()) {
      // Ask for one byte past the cap, to tell "exactly at the cap" from "past it".
      uint64_t room = max_inflated_bytes_ - std::min(max_inflated_bytes_, bytes_read_ + total);
      want = static_cast<size_t>(std::min<uint64_t>(want, room + 1));
    }
    int got = gzread(file_, buf + total, static_cast<unsigned>(want));
    if (got <= 0) {
      int errnum = Z_OK;
      const char* msg = gzerror(file_, &errnum);
      if (got == 0 && errnum == Z_OK) break;  // end of file
      // Hand back what was read; the next call reports the error (zlib keeps it).
      if (total > 0) break;
      // zlib's message starts with the path, which the caller already knows.
      std::string_view text = msg ? msg : "";
      if (text.substr(0, path_.size()) == path_ && text.substr(path_.size(), 2) == ": ") {
        text.remove_prefix(path_.size() + 2);
      }
      if (text.empty()) text = "read error";
      error_ = (errnum == Z_ERRNO ? "read error: " : "gzip: ") + std::string(text);
      return -1;
    }
    total += static_cast<size_t>(got);
    if (compressed() && bytes_read_ + total > max_inflated_bytes_) {
      over_cap_ = true;
      total = static_cast<size_t>(max_inflated_bytes_ - std::min(max_inflated_bytes_, bytes_read_));
      break;
    }
  }
  bytes_read_ += total;
  if (total == 0 && over_cap_) return Read(buf, n);
  return static_cast<int64_t>(total);
}

}  // namespace rapport::connectors::internal
