#include "pipeline/evidence_spill.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <utility>

namespace rapport::pipeline {
namespace {

// An unnamed read-write file in `dir`: O_TMPFILE where the file system has
// it, else a named one removed at once. Returns -1 with errno set.
int OpenUnnamed(const std::string& dir) {
#ifdef O_TMPFILE
  int fd = ::open(dir.c_str(), O_TMPFILE | O_RDWR | O_CLOEXEC, S_IRUSR | S_IWUSR);
  if (fd >= 0) return fd;
  if (errno != EOPNOTSUPP && errno != EISDIR && errno != EINVAL) return -1;
#endif
  std::string name = dir + "/.rapport-evidence-XXXXXX";
  int fd2 = ::mkostemp(name.data(), O_CLOEXEC);
  if (fd2 < 0) return -1;
  ::unlink(name.c_str());
  return fd2;
}

}  // namespace

Result<std::unique_ptr<EvidenceSpill>> EvidenceSpill::Create(const std::string& dir, size_t buffer_bytes) {
  const int fd = OpenUnnamed(dir.empty() ? "." : dir);
  if (fd < 0)
    return Status::IoError("cannot create the evidence scratch file in " + dir + ": " + std::strerror(errno));
  return std::unique_ptr<EvidenceSpill>(new EvidenceSpill(fd, dir, buffer_bytes == 0 ? 1 : buffer_bytes));
}

EvidenceSpill::EvidenceSpill(int fd, std::string dir, size_t buffer_bytes)
    : fd_(fd), dir_(std::move(dir)), buffer_bytes_(buffer_bytes) {
  buffer_.reserve(buffer_bytes_);
}

EvidenceSpill::~EvidenceSpill() { ::close(fd_); }

void EvidenceSpill::Fail(Status why) const {
  if (failed_.load(std::memory_order_relaxed)) return;  // the first error is the one reported
  error_ = std::move(why);
  failed_.store(true, std::memory_order_release);
}

Status EvidenceSpill::SystemError(const char* what, int err) const {
  return Status::IoError("evidence scratch file in " + dir_ + ": " + what + ": " + std::strerror(err));
}

void EvidenceSpill::FlushLocked() {
  if (failed_.load(std::memory_order_relaxed)) return;  // nothing written after an error; the buffer stays readable
  const uint64_t at = flushed_.load(std::memory_order_relaxed);
  size_t done = 0;
  while (done < buffer_.size()) {
    const ssize_t n = ::pwrite(fd_, buffer_.data() + done, buffer_.size() - done, static_cast<off_t>(at + done));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      Fail(SystemError("write", n < 0 ? errno : ENOSPC));
      return;  // the buffer is kept: what it holds stays readable
    }
    done += static_cast<size_t>(n);
  }
  // Published after the bytes are in the file: a reader that sees the new
  // size finds them there.
  flushed_.store(at + buffer_.size(), std::memory_order_release);
  buffer_.clear();
}

uint64_t EvidenceSpill::Append(std::initializer_list<std::string_view> parts) {
  size_t total = 0;
  for (std::string_view p : parts) total += p.size();
  std::lock_guard<std::mutex> lock(mu_);
  if (!failed_.load(std::memory_order_relaxed) && buffer_.size() + total > buffer_bytes_ && !buffer_.empty())
    FlushLocked();
  const uint64_t at = flushed_.load(std::memory_order_relaxed) + buffer_.size();
  if (failed_.load(std::memory_order_relaxed)) return at;  // dropped: status() says why
  for (std::string_view p : parts) buffer_.append(p);
  return at;
}

Status EvidenceSpill::Read(uint64_t at, size_t size, std::string* out) const {
  out->resize(size);
  Status st = ReadInto(at, size, out->data());
  if (!st.ok()) out->clear();
  return st;
}

Status EvidenceSpill::ReadInto(uint64_t at, size_t size, char* out) const {
  if (size == 0) return Status::OK();
  size_t in_file = size;  // the first in_file bytes are read from the file, the rest copied from the buffer
  if (at + size > flushed_.load(std::memory_order_acquire)) {
    std::lock_guard<std::mutex> lock(mu_);
    const uint64_t flushed = flushed_.load(std::memory_order_relaxed);
    if (at + size > flushed + buffer_.size()) {  // never appended, or dropped after an error
      Fail(Status::Internal("evidence scratch file in " + dir_ + ": read past the bytes written"));
      return error_;
    }
    // Flushed since the check above, the span may lie in the file by now.
    in_file = at >= flushed ? 0 : static_cast<size_t>(std::min<uint64_t>(size, flushed - at));
    const uint64_t from = at + in_file;  // >= flushed, unless nothing is left to copy
    if (in_file < size) std::memcpy(out + in_file, buffer_.data() + (from - flushed), size - in_file);
    // Bytes below `flushed` stay in the file whatever later flushes do.
  }
  size_t done = 0;
  while (done < in_file) {
    const ssize_t n = ::pread(fd_, out + done, in_file - done, static_cast<off_t>(at + done));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      const int err = n < 0 ? errno : EIO;
      std::lock_guard<std::mutex> lock(mu_);
      Fail(SystemError("read", err));
      return error_;
    }
    done += static_cast<size_t>(n);
  }
  return Status::OK();
}

Status EvidenceSpill::status() const {
  if (!failed_.load(std::memory_order_acquire)) return Status::OK();
  std::lock_guard<std::mutex> lock(mu_);
  return error_;
}

uint64_t EvidenceSpill::size() const {
  std::lock_guard<std::mutex> lock(mu_);
  return flushed_.load(std::memory_order_relaxed) + buffer_.size();
}

}  // namespace rapport::pipeline
