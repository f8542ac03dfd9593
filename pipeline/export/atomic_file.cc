#include "pipeline/export/atomic_file.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <system_error>
#include <utility>

namespace rapport::pipeline {

namespace {

Status ErrnoError(std::string_view op, const std::string& path, int err) {
  std::string msg(op);
  msg += ' ';
  msg += path;
  msg += ": ";
  msg += std::strerror(err);
  return Status::IoError(std::move(msg));
}

// Best effort: makes the rename itself durable. Failure is not reported
// because the new content is already complete and visible.
void SyncParentDir(const std::string& path) {
  std::filesystem::path dir = std::filesystem::path(path).parent_path();
  if (dir.empty()) dir = ".";
  int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return;
  (void)::fsync(fd);
  ::close(fd);
}

}  // namespace

AtomicFile::AtomicFile(std::string path) : path_(std::move(path)), tmp_path_(path_ + ".tmp") {}

AtomicFile::~AtomicFile() {
  // file_ is non-null exactly while the temp file exists and is uncommitted.
  if (file_ != nullptr) {
    std::fclose(file_);
    std::remove(tmp_path_.c_str());
  }
}

Status AtomicFile::Open() {
  if (file_ != nullptr) return Status::Internal("open " + path_ + ": already open");
  failed_ = false;
  const std::filesystem::path parent = std::filesystem::path(path_).parent_path();
  if (!parent.empty()) {
    std::error_code ec;
    std::filesystem::create_directories(parent, ec);
    if (ec) {
      return Status::IoError("create folder " + parent.string() + " for " + path_ + ": " + ec.message());
    }
  }
  file_ = std::fopen(tmp_path_.c_str(), "wb");
  if (file_ == nullptr) return ErrnoError("open", tmp_path_, errno);
  return Status::OK();
}

Status AtomicFile::Append(std::string_view data) {
  if (file_ == nullptr) return Status::Internal("write " + path_ + ": not open");
  if (failed_) return Status::IoError("write " + tmp_path_ + ": an earlier write failed");
  if (data.empty()) return Status::OK();
  if (std::fwrite(data.data(), 1, data.size(), file_) != data.size()) {
    failed_ = true;
    return ErrnoError("write", tmp_path_, errno);
  }
  return Status::OK();
}

Status AtomicFile::Commit() {
  if (file_ == nullptr) return Status::Internal("commit " + path_ + ": not open");
  if (failed_) return Status::IoError("commit " + path_ + ": an earlier write failed");
  Status s;
  if (std::fflush(file_) != 0) {
    s = ErrnoError("flush", tmp_path_, errno);
  } else if (::fsync(::fileno(file_)) != 0) {
    s = ErrnoError("fsync", tmp_path_, errno);
  }
  const int close_rc = std::fclose(file_);
  const int close_errno = errno;
  file_ = nullptr;
  if (s.ok() && close_rc != 0) s = ErrnoError("close", tmp_path_, close_errno);
  if (s.ok() && std::rename(tmp_path_.c_str(), path_.c_str()) != 0) {
    s = ErrnoError("rename " + tmp_path_ + " to", path_, errno);
  }
  if (!s.ok()) {
    failed_ = true;
    std::remove(tmp_path_.c_str());
    return s;
  }
  SyncParentDir(path_);
  return Status::OK();
}

}  // namespace rapport::pipeline
