// LineReader: splits a (possibly gzip-compressed) file into lines, streaming.
//
// Reads the file one chunk (Default: 1 MiB) at a time and never holds more
// than a chunk plus the current line, which is itself capped: a longer line is
// skipped without being buffered, keeping only its first kSnippetBytes for the
// error report. "\n" and "\r\n" line ends are both accepted and removed.
// Not thread-safe.
#ifndef RAPPORT_CONNECTORS_INTERNAL_LINE_READER_H_
#define RAPPORT_CONNECTORS_INTERNAL_LINE_READER_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "connectors/internal/gz_file.h"

namespace rapport::connectors::internal {

class LineReader {
 public:
  enum class Outcome {
    kOk,       // *out holds the line (or the rest of the file)
    kTooLong,  // over the cap: *out holds its first kSnippetBytes
    kEnd,      // end of file, nothing read
    kError,    // read error (see error()): *out holds the first kSnippetBytes of the partial line
  };
  // What an error report keeps of an oversized or broken record.
  static constexpr size_t kSnippetBytes = 4096;
  static constexpr size_t kDefaultChunkBytes = 1 << 20;

  explicit LineReader(std::unique_ptr<GzFile> file, size_t chunk_bytes = kDefaultChunkBytes);
  LineReader(const LineReader&) = delete;
  LineReader& operator=(const LineReader&) = delete;

  // Returns up to `n` (capped at the chunk size) bytes from the current
  // position without consuming them; fewer only at the end of the file or on
  // a read error. The view is valid until the next call on this reader.
  std::string_view Peek(size_t n);
  // Consumes `n` bytes. REQUIRES: n <= Peek(n).size().
  void Skip(size_t n) { pos_ += n; }

  // Replaces *line with the next line, without its line end. A line with
  // more than `max_line_bytes` bytes gives kTooLong and the reader moves on
  // to the following line. Blank lines are returned like any other. The
  // line's capacity is at least its size + `spare` (the room a parser wants
  // past the end: reserved as the line is copied, not by copying it again).
  Outcome ReadLine(uint64_t max_line_bytes, std::string* line, size_t spare = 0);
  // Replaces *out with the rest of the file, unchanged. Gives kTooLong (and
  // stops reading) if that is more than `max_bytes` bytes; kEnd if nothing
  // was left.
  Outcome ReadAll(uint64_t max_bytes, std::string* out);

  // 1-based number of the line last returned by ReadLine() (or of the line
  // where the read failed).
  uint64_t line_number() const { return line_number_; }
  const std::string& error() const { return error_; }
  bool compressed() const { return file_->compressed(); }

 private:
  static void KeepSnippet(std::string* s);
  // Reads the next chunk once the buffer is used up. False at the end of the
  // file or on error (then error_ is set).
  bool Fill();

  std::unique_ptr<GzFile> file_;
  std::unique_ptr<char[]> buf_;
  size_t capacity_;
  size_t pos_ = 0;
  size_t end_ = 0;
  bool eof_ = false;
  uint64_t line_number_ = 0;
  std::string error_;
};

}  // namespace rapport::connectors::internal

#endif  // RAPPORT_CONNECTORS_INTERNAL_LINE_READER_H_
