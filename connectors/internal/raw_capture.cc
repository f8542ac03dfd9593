#include "connectors/internal/raw_capture.h"

#include <time.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <system_error>

namespace rapport::connectors::internal {

RawCapture::RawCapture(std::string dir, std::string platform, Clock* clock)
    : dir_(std::move(dir)), platform_(std::move(platform)), clock_(clock) {}

RawCapture::~RawCapture() {
  if (file_) std::fclose(file_);
}

Status RawCapture::Append(std::string_view body) {
  if (dir_.empty()) return Status::OK();
  time_t t = static_cast<time_t>(clock_->NowMillis() / 1000);
  struct tm tm;
  gmtime_r(&t, &tm);
  char date[16];
  strftime(date, sizeof(date), "%Y%m%d", &tm);
  std::string path = (std::filesystem::path(dir_) / (platform_ + "-" + date + ".jsonl")).string();
  if (file_ == nullptr || path != path_) {
    if (file_) std::fclose(file_);
    file_ = nullptr;
    std::error_code ec;
    std::filesystem::create_directories(dir_, ec);
    if (ec) return Status::IoError("--save-raw: cannot create " + dir_ + ": " + ec.message());
    file_ = std::fopen(path.c_str(), "ab");
    if (file_ == nullptr) return Status::IoError("--save-raw: cannot open " + path + ": " + std::strerror(errno));
    path_ = std::move(path);
  }
  line_.assign(body);
  for (char& c : line_) {
    if (c == '\n' || c == '\r') c = ' ';
  }
  line_.push_back('\n');
  if (std::fwrite(line_.data(), 1, line_.size(), file_) != line_.size() || std::fflush(file_) != 0) {
    return Status::IoError("--save-raw: cannot write " + path_ + ": " + std::strerror(errno));
  }
  return Status::OK();
}

}  // namespace rapport::connectors::internal
