#include "connectors/file_source.h"

#include <deque>
#include <filesystem>
#include <map>
#include <string_view>
#include <system_error>
#include <utility>

#include "connectors/internal/file_walker.h"
#include "connectors/internal/format_sniffer.h"
#include "connectors/internal/gz_file.h"
#include "connectors/internal/line_reader.h"
#include "connectors/internal/x_archive_owner.h"

namespace rapport::connectors {

namespace {

namespace fs = std::filesystem;
using internal::FileFormat;
using internal::LineReader;

bool IsBlank(std::string_view s) { return s.find_first_not_of(" \t\r\n") == std::string_view::npos; }

void Pad(std::string* bytes) {
  if (bytes->capacity() < bytes->size() + RawDoc::kPadding) bytes->reserve(bytes->size() + RawDoc::kPadding);
}

class FileSource final : public Source {
 public:
  FileSource(std::vector<std::string> paths, FileSourceOptions options)
      : paths_(paths.begin(), paths.end()), options_(options) {}

  bool Next(RawDoc* out) override;
  Status status() const override { return status_; }

 private:
  enum class Mode { kLines, kDocument, kArchive };
  struct File {
    std::string path;
    bool named = false;  // given as an input path, not found in a folder
  };
  struct Owner {
    internal::XArchiveOwner owner;
    std::string error;  // why account.js could not be read, if it is there
  };

  // Opens the next file and decides how to read it. Returns false when no
  // input is left. Sets *yielded when it filled *out itself (a file that
  // cannot be read at all).
  bool OpenNextFile(RawDoc* out, bool* yielded);
  // Fills *out with everything but the bytes.
  void Describe(RawDoc* out, RawDoc::Kind kind, uint64_t line, std::string read_error);
  const Owner& OwnerFor(const std::string& path);
  void Remember(Status status) {
    if (status_.ok()) status_ = std::move(status);
  }

  std::deque<std::string> paths_;  // inputs not yet expanded
  std::deque<File> files_;         // files not yet opened
  FileSourceOptions options_;
  std::unique_ptr<LineReader> reader_;  // the open file, if any
  std::string path_;                    // its path
  Mode mode_ = Mode::kLines;
  std::map<std::string, Owner> owners_;  // by folder
  Status status_;
};

void FileSource::Describe(RawDoc* out, RawDoc::Kind kind, uint64_t line, std::string read_error) {
  out->kind = kind;
  out->origin.source = path_;
  out->origin.line = line;
  out->read_error = std::move(read_error);
  out->owner_id.clear();
  out->owner_username.clear();
  out->owner_name.clear();
  Pad(&out->bytes);
}

const FileSource::Owner& FileSource::OwnerFor(const std::string& path) {
  fs::path parent = fs::path(path).parent_path();
  const std::string dir = parent.empty() ? std::string(".") : parent.string();
  auto it = owners_.find(dir);
  if (it != owners_.end()) return it->second;
  Owner owner;
  auto read = internal::ReadXArchiveOwner(dir);
  if (read.ok()) {
    owner.owner = std::move(*read);
  } else if (read.status().code() != Status::Code::kNotFound) {
    owner.error = "archive owner unknown: " + read.status().message();
  }
  return owners_.emplace(dir, std::move(owner)).first->second;
}

bool FileSource::OpenNextFile(RawDoc* out, bool* yielded) {
  *yielded = false;
  for (;;) {
    if (files_.empty()) {
      if (paths_.empty()) return false;
      std::string path = std::move(paths_.front());
      paths_.pop_front();
      std::error_code ec;
      fs::file_status st = fs::status(path, ec);
      if (ec || !fs::exists(st)) {
        if (ec && ec != std::errc::no_such_file_or_directory) {
          Remember(Status::IoError("cannot read " + path + ": " + ec.message()));
        } else {
          Remember(Status::NotFound("no such file or directory: " + path));
        }
      } else if (fs::is_directory(st)) {
        std::vector<std::string> found;
        Status listed = internal::ListFiles(path, &found);
        if (!listed.ok()) Remember(listed);
        for (std::string& f : found) files_.push_back({std::move(f), false});
      } else {
        files_.push_back({std::move(path), true});
      }
      continue;
    }
    File file = std::move(files_.front());
    files_.pop_front();
    auto opened = internal::GzFile::Open(file.path, options_.max_inflated_bytes);
    if (!opened.ok()) {
      Remember(opened.status());
      continue;
    }
    path_ = file.path;
    reader_ = std::make_unique<LineReader>(std::move(*opened));
    std::string_view head = reader_->Peek(LineReader::kDefaultChunkBytes);
    if (head.empty() && !reader_->error().empty()) {
      out->bytes.clear();
      Describe(out, RawDoc::Kind::kJson, 1, reader_->error());
      reader_.reset();
      *yielded = true;
      return true;
    }
    internal::SniffResult sniffed = internal::SniffFormat(head);
    reader_->Skip(sniffed.bom_bytes);
    switch (sniffed.format) {
      case FileFormat::kJsonLines:
        mode_ = Mode::kLines;
        return true;
      case FileFormat::kJsonDocument:
        mode_ = Mode::kDocument;
        return true;
      case FileFormat::kXArchiveTweets:
        mode_ = Mode::kArchive;
        return true;
      case FileFormat::kBinary:
      case FileFormat::kUnknown:
        reader_.reset();
        if (file.named) {
          // The user asked for this file: say why nothing came of it.
          out->bytes.clear();
          Describe(out, RawDoc::Kind::kJson, 0,
                   std::string("not a supported format (") + internal::FileFormatName(sniffed.format) +
                       " content; expected JSON, JSON Lines or an X archive tweets.js)");
          *yielded = true;
          return true;
        }
        continue;
      case FileFormat::kEmpty:
      case FileFormat::kXArchiveAccount:
      case FileFormat::kXArchiveOther:
        reader_.reset();
        continue;
    }
  }
}

bool FileSource::Next(RawDoc* out) {
  for (;;) {
    if (!reader_) {
      bool yielded = false;
      if (!OpenNextFile(out, &yielded)) return false;
      if (yielded) return true;
    }
    if (mode_ == Mode::kLines) {
      switch (reader_->ReadLine(options_.max_line_bytes, &out->bytes, RawDoc::kPadding)) {
        case LineReader::Outcome::kOk:
          if (IsBlank(out->bytes)) continue;
          Describe(out, RawDoc::Kind::kJson, reader_->line_number(), "");
          return true;
        case LineReader::Outcome::kTooLong:
          Describe(out, RawDoc::Kind::kJson, reader_->line_number(),
                   "line exceeds " + std::to_string(options_.max_line_bytes) + " bytes");
          return true;
        case LineReader::Outcome::kEnd:
          reader_.reset();
          continue;
        case LineReader::Outcome::kError:
          Describe(out, RawDoc::Kind::kJson, reader_->line_number(), reader_->error());
          reader_.reset();
          return true;
      }
      continue;
    }

    // One document for the whole file.
    const bool archive = mode_ == Mode::kArchive;
    const RawDoc::Kind kind = archive ? RawDoc::Kind::kXArchive : RawDoc::Kind::kJson;
    const uint64_t line = archive ? 0 : 1;
    // A JSON document is one record, held to the record cap; an archive's
    // tweets.js holds all of one person's posts and is only held to the file cap.
    const uint64_t cap = archive ? options_.max_inflated_bytes : options_.max_line_bytes;
    if (!reader_->compressed()) {
      // Size the buffer once, padding included, instead of growing it.
      std::error_code ec;
      uint64_t size = fs::file_size(path_, ec);
      if (!ec && size <= cap) out->bytes.reserve(size + RawDoc::kPadding);
    }
    LineReader::Outcome outcome = reader_->ReadAll(cap, &out->bytes);
    std::unique_ptr<LineReader> done = std::move(reader_);
    switch (outcome) {
      case LineReader::Outcome::kOk:
        Describe(out, kind, line, "");
        break;
      case LineReader::Outcome::kTooLong:
        Describe(out, kind, line,
                 std::string(archive ? "file" : "document") + " exceeds " + std::to_string(cap) + " bytes");
        break;
      case LineReader::Outcome::kEnd:
        continue;
      case LineReader::Outcome::kError:
        Describe(out, kind, line, done->error());
        break;
    }
    if (archive) {
      const Owner& owner = OwnerFor(path_);
      out->owner_id = owner.owner.id;
      out->owner_username = owner.owner.username;
      out->owner_name = owner.owner.name;
      if (out->read_error.empty()) out->read_error = owner.error;
    }
    return true;
  }
}

}  // namespace

std::unique_ptr<Source> NewFileSource(std::vector<std::string> paths, FileSourceOptions options) {
  return std::make_unique<FileSource>(std::move(paths), options);
}

}  // namespace rapport::connectors
