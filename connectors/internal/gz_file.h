// GzFile: reads a plain or gzip-compressed file in chunks, with an inflate cap.
//
// zlib's gzread() reads plain files unchanged and inflates gzip files
// (detected by their magic bytes, including concatenated members), so callers
// never look at file names. For compressed files the number of inflated bytes
// is counted and reading stops with an error past `max_inflated_bytes`, which
// guards against gzip bombs.
// Not thread-safe: one thread uses a GzFile at a time.
#ifndef RAPPORT_CONNECTORS_INTERNAL_GZ_FILE_H_
#define RAPPORT_CONNECTORS_INTERNAL_GZ_FILE_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <utility>

#include "base/status.h"

struct gzFile_s;  // zlib's gzFile, kept out of this header

namespace rapport::connectors::internal {

class GzFile {
 public:
  GzFile(const GzFile&) = delete;
  GzFile& operator=(const GzFile&) = delete;
  ~GzFile();

  // Opens `path` for reading. Returns NotFound if it does not exist and
  // IoError (naming the path) if it cannot be opened.
  static Result<std::unique_ptr<GzFile>> Open(const std::string& path, uint64_t max_inflated_bytes);

  // Reads up to `n` bytes into `buf`. Returns the number read, 0 at the end
  // of the file. On a read error returns -1 and sets error(): "gzip: <zlib
  // message>" for a corrupt or truncated stream, "inflated size exceeds N
  // bytes" past the cap, or the OS error. Once an error is returned every later
  // call returns -1.
  int64_t Read(char* buf, size_t n);

  // True if the file is gzip-compressed (known after the first Read()).
  bool compressed() const;
  const std::string& error() const { return error_; }
  // Bytes returned by Read() so far (inflated size for gzip files).
  uint64_t bytes_read() const { return bytes_read_; }

 private:
  GzFile(gzFile_s* file, std::string path, uint64_t max_inflated_bytes)
      : file_(file), path_(std::move(path)), max_inflated_bytes_(max_inflated_bytes) {}

  gzFile_s* file_;
  std::string path_;
  uint64_t max_inflated_bytes_;
  uint64_t bytes_read_ = 0;
  bool over_cap_ = false;  // the cap was passed; the next Read() fails
  std::string error_;
};

}  // namespace rapport::connectors::internal

#endif  // RAPPORT_CONNECTORS_INTERNAL_GZ_FILE_H_
