#include "pipeline/export/dead_letter.h"

#include <utility>

#include "pipeline/export/atomic_file.h"
#include "pipeline/export/json_text.h"

namespace rapport::pipeline {

namespace {

// Standard base64 (RFC 4648 section 4) with '=' padding.
void AppendBase64(std::string* out, std::string_view in) {
  static constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  const auto* p = reinterpret_cast<const unsigned char*>(in.data());
  const size_t n = in.size();
  out->reserve(out->size() + (n + 2) / 3 * 4);
  size_t i = 0;
  for (; i + 3 <= n; i += 3) {
    const uint32_t v = (uint32_t{p[i]} << 16) | (uint32_t{p[i + 1]} << 8) | p[i + 2];
    out->push_back(kAlphabet[(v >> 18) & 63]);
    out->push_back(kAlphabet[(v >> 12) & 63]);
    out->push_back(kAlphabet[(v >> 6) & 63]);
    out->push_back(kAlphabet[v & 63]);
  }
  if (i + 1 == n) {
    const uint32_t v = uint32_t{p[i]} << 16;
    out->push_back(kAlphabet[(v >> 18) & 63]);
    out->push_back(kAlphabet[(v >> 12) & 63]);
    out->append("==");
  } else if (i + 2 == n) {
    const uint32_t v = (uint32_t{p[i]} << 16) | (uint32_t{p[i + 1]} << 8);
    out->push_back(kAlphabet[(v >> 18) & 63]);
    out->push_back(kAlphabet[(v >> 12) & 63]);
    out->push_back(kAlphabet[(v >> 6) & 63]);
    out->push_back('=');
  }
}

}  // namespace

DeadLetterWriter::DeadLetterWriter(std::string path, uint64_t max_raw_bytes)
    : file_(std::make_unique<AtomicFile>(std::move(path))), max_raw_bytes_(max_raw_bytes) {}

DeadLetterWriter::~DeadLetterWriter() = default;

Status DeadLetterWriter::Open() { return file_->Open(); }

Status DeadLetterWriter::Write(std::string_view origin, std::string_view reason, std::string_view raw) {
  const bool valid = IsValidUtf8(raw);
  bool truncated = false;
  if (raw.size() > max_raw_bytes_) {
    size_t cut = static_cast<size_t>(max_raw_bytes_);
    // Keep the prefix well-formed: do not end inside a multi-byte sequence.
    if (valid) {
      while (cut > 0 && (static_cast<unsigned char>(raw[cut]) & 0xC0) == 0x80) --cut;
    }
    raw = raw.substr(0, cut);
    truncated = true;
  }

  line_.clear();
  line_.append("{\"origin\":");
  AppendJsonString(&line_, origin);
  line_.append(",\"reason\":");
  AppendJsonString(&line_, reason);
  if (valid) {
    line_.append(",\"raw\":");
    AppendJsonString(&line_, raw);
  } else {
    line_.append(",\"raw_base64\":\"");
    AppendBase64(&line_, raw);
    line_.push_back('"');
  }
  if (truncated) line_.append(",\"raw_truncated\":true");
  line_.append("}\n");
  RAPPORT_RETURN_IF_ERROR(file_->Append(line_));
  ++count_;
  return Status::OK();
}

Status DeadLetterWriter::Commit() { return file_->Commit(); }

}  // namespace rapport::pipeline
