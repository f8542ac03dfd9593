#include "connectors/internal/line_reader.h"

#include <algorithm>
#include <cstring>

namespace rapport::connectors::internal {

LineReader::LineReader(std::unique_ptr<GzFile> file, size_t chunk_bytes)
    : file_(std::move(file)), buf_(new char[chunk_bytes]), capacity_(chunk_bytes) {}

bool LineReader::Fill() {
  if (eof_ || !error_.empty()) return false;
  pos_ = end_ = 0;
  int64_t n = file_->Read(buf_.get(), capacity_);
  if (n < 0) {
    error_ = file_->error();
    return false;
  }
  if (n == 0) {
    eof_ = true;
    return false;
  }
  end_ = static_cast<size_t>(n);
  return true;
}

std::string_view LineReader::Peek(size_t n) {
  n = std::min(n, capacity_);
  if (end_ - pos_ < n && !eof_ && error_.empty()) {
    std::memmove(buf_.get(), buf_.get() + pos_, end_ - pos_);
    end_ -= pos_;
    pos_ = 0;
    while (end_ < n) {
      int64_t got = file_->Read(buf_.get() + end_, capacity_ - end_);
      if (got < 0) {
        error_ = file_->error();
        break;
      }
      if (got == 0) {
        eof_ = true;
        break;
      }
      end_ += static_cast<size_t>(got);
    }
  }
  return std::string_view(buf_.get() + pos_, std::min(n, end_ - pos_));
}

// Cuts a rejected document to its snippet and gives back the memory it held
// (up to twice the cap after string growth), so a batch of rejects stays small.
void LineReader::KeepSnippet(std::string* s) {
  std::string(s->data(), std::min(s->size(), kSnippetBytes)).swap(*s);
}

LineReader::Outcome LineReader::ReadLine(uint64_t max_line_bytes, std::string* line, size_t spare) {
  line->clear();
  // Keep one byte more than the cap (a line of exactly the cap may end in
  // "\r"), and at least the snippet of an oversized line.
  const uint64_t keep = std::max<uint64_t>(max_line_bytes + 1, kSnippetBytes);
  uint64_t len = 0;
  bool any = false;
  for (;;) {
    if (pos_ == end_ && !Fill()) {
      if (!error_.empty()) {
        ++line_number_;
        KeepSnippet(line);
        return Outcome::kError;
      }
      if (!any) return Outcome::kEnd;
      break;  // last line, without a line end
    }
    any = true;
    const char* start = buf_.get() + pos_;
    size_t avail = end_ - pos_;
    const char* nl = static_cast<const char*>(std::memchr(start, '\n', avail));
    size_t n = nl ? static_cast<size_t>(nl - start) : avail;
    if (len < keep) {
      const auto take = static_cast<size_t>(std::min<uint64_t>(n, keep - len));
      if (line->capacity() < line->size() + take + spare) {
        // Exactly what this chunk needs (+ spare) when the line ends in it;
        // doubling when it goes on into the next.
        line->reserve(std::max(line->size() + take + spare, nl ? size_t{0} : 2 * line->capacity()));
      }
      line->append(start, take);
    }
    len += n;
    pos_ += nl ? n + 1 : n;
    if (nl) break;
  }
  ++line_number_;
  if (len == line->size() && !line->empty() && line->back() == '\r') {
    line->pop_back();
    --len;
  }
  if (len > max_line_bytes) {
    KeepSnippet(line);
    return Outcome::kTooLong;
  }
  return Outcome::kOk;
}

LineReader::Outcome LineReader::ReadAll(uint64_t max_bytes, std::string* out) {
  out->clear();
  bool any = false;
  for (;;) {
    if (pos_ == end_ && !Fill()) {
      if (!error_.empty()) {
        KeepSnippet(out);
        return Outcome::kError;
      }
      return any ? Outcome::kOk : Outcome::kEnd;
    }
    any = true;
    size_t n = end_ - pos_;
    if (out->size() + n > max_bytes) {
      if (out->size() < kSnippetBytes) out->append(buf_.get() + pos_, std::min(n, kSnippetBytes - out->size()));
      KeepSnippet(out);
      pos_ = end_;
      return Outcome::kTooLong;
    }
    out->append(buf_.get() + pos_, n);
    pos_ = end_;
  }
}

}  // namespace rapport::connectors::internal
