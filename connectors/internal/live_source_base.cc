#include "connectors/internal/live_source_base.h"

#include "connectors/internal/redaction.h"
#include "connectors/internal/url.h"

namespace rapport::connectors::internal {

namespace {

// How much of an error body to quote in a message.
constexpr size_t kQuoteBytes = 200;

Status WithMessage(const Status& status, std::string message) {
  switch (status.code()) {
    case Status::Code::kInvalidArgument: return Status::InvalidArgument(std::move(message));
    case Status::Code::kNotFound: return Status::NotFound(std::move(message));
    case Status::Code::kIoError: return Status::IoError(std::move(message));
    case Status::Code::kCorruption: return Status::Corruption(std::move(message));
    case Status::Code::kUnavailable: return Status::Unavailable(std::move(message));
    default: return Status::Internal(std::move(message));
  }
}

}  // namespace

LiveSourceBase::LiveSourceBase(std::string platform, HttpClient* http, LiveCommonOptions common,
                               std::vector<std::pair<std::string, std::string>> headers)
    : platform_(std::move(platform)),
      http_(http),
      common_(std::move(common)),
      headers_(std::move(headers)),
      scrub_(headers_),
      capture_(common_.save_raw_dir, platform_, common_.clock ? common_.clock : Clock::Default()) {
  // Bearer tokens are often percent-encoded ("...%2B...%3D"); a server may echo either form.
  for (const auto& [name, value] : headers_) {
    std::string decoded = PercentDecode(value);
    if (IsSecretHeader(name) && decoded != value) scrub_.emplace_back(name, std::move(decoded));
  }
}

bool LiveSourceBase::Next(RawDoc* out) {
  while (queue_.empty()) {
    if (done_) return false;
    if (stopped_ || !Step()) done_ = true;
  }
  *out = std::move(queue_.front());
  queue_.pop_front();
  return true;
}

bool LiveSourceBase::Get(const std::string& url, const std::string& what, HttpResponse* response) {
  Result<HttpResponse> got = http_->Get({url, headers_});
  if (!got.ok()) {
    std::string message = got.status().message();
    const std::string var = "$" + credential_env_var_;
    if (!credential_env_var_.empty() && got.status().code() == Status::Code::kInvalidArgument &&
        (message.find("HTTP 401") != std::string::npos || message.find("HTTP 403") != std::string::npos) &&
        message.find(var) == std::string::npos) {
      message += "; check " + var + " (set, current, and allowed to read this endpoint)";
    }
    StopSource(WithMessage(got.status(), what + ": " + message));
    return false;
  }
  *response = std::move(*got);
  response->body.reserve(response->body.size() + RawDoc::kPadding);
  return true;
}

void LiveSourceBase::Emit(const std::string& url, uint64_t page, std::string body, bool json) {
  RawDoc doc;
  doc.kind = RawDoc::Kind::kJson;
  doc.platform = platform_;
  doc.origin = {RedactUrl(url), page};
  // A server that echoes the credential must not get it into the outputs.
  if (!headers_.empty()) body = ScrubSecrets(std::move(body), scrub_);
  doc.bytes = std::move(body);
  doc.bytes.reserve(doc.bytes.size() + RawDoc::kPadding);
  if (json && capture_.enabled()) {
    Status saved = capture_.Append(doc.bytes);
    if (!saved.ok()) StopSource(saved);
  }
  queue_.push_back(std::move(doc));
}

void LiveSourceBase::StopSource(Status status) {
  if (stopped_) return;
  stopped_ = true;
  status_ = WithMessage(status, Scrub(platform_ + ": " + status.message()));
  Warn(status_.message());
}

void LiveSourceBase::AccountError(Status status) {
  Status scrubbed = WithMessage(status, Scrub(platform_ + ": " + status.message()));
  Warn(scrubbed.message());
  if (status_.ok()) status_ = std::move(scrubbed);
}

void LiveSourceBase::Info(const std::string& message) const {
  if (common_.log) common_.log(LiveLogLevel::kInfo, Scrub(platform_ + ": " + message));
}

void LiveSourceBase::Warn(const std::string& message) const {
  if (!common_.log) return;
  std::string text = message.rfind(platform_ + ": ", 0) == 0 ? message : platform_ + ": " + message;
  common_.log(LiveLogLevel::kWarn, Scrub(std::move(text)));
}

std::string LiveSourceBase::Describe(const std::string& url, const HttpResponse& response) const {
  std::string text = "HTTP " + std::to_string(response.status) + " from GET " + RedactUrl(url);
  if (!response.body.empty()) {
    std::string quote = response.body.substr(0, kQuoteBytes);
    for (char& c : quote) {
      if (c == '\n' || c == '\r' || c == '\t') c = ' ';
    }
    if (response.body.size() > kQuoteBytes) quote += "...";
    text += "; server said: " + quote;
  }
  return Scrub(std::move(text));
}

std::string LiveSourceBase::Scrub(std::string message) const { return ScrubSecrets(std::move(message), scrub_); }

std::string CleanHandle(std::string_view handle) {
  while (!handle.empty() && (handle.front() == ' ' || handle.front() == '\t')) handle.remove_prefix(1);
  while (!handle.empty() && (handle.back() == ' ' || handle.back() == '\t')) handle.remove_suffix(1);
  if (!handle.empty() && handle.front() == '@') handle.remove_prefix(1);
  return std::string(handle);
}

}  // namespace rapport::connectors::internal
