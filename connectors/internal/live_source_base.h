// LiveSourceBase: what the X, Bluesky and Mastodon sources share.
//
// A live source is a small state machine: Step() does one unit of work
// (usually one GET) and queues the pages to yield with Emit(); Next() runs
// Step() until a page is queued or there is nothing left to do.
//
// Two kinds of failure:
//   - StopSource(): the HTTP layer failed (transport error after retries,
//     rate limit too long to wait for, usage cap, 5xx burst that did not end,
//     credential refused). Nothing more is fetched; status() returns it.
//   - AccountError(): one tracked account could not be read completely (a
//     4xx, a body that is not JSON, a page that repeats). That account stops,
//     its cursors are not advanced, the others go on; status() returns the
//     first such error once the stream ends.
// Every message is prefixed with the platform, names URLs with secret query
// parameters redacted, and is scrubbed of the request's secret header values.
// Not thread-safe (one thread drains a Source).
#ifndef RAPPORT_CONNECTORS_INTERNAL_LIVE_SOURCE_BASE_H_
#define RAPPORT_CONNECTORS_INTERNAL_LIVE_SOURCE_BASE_H_

#include <cstdint>
#include <deque>
#include <string>
#include <utility>
#include <vector>

#include "connectors/http_client.h"
#include "connectors/internal/raw_capture.h"
#include "connectors/live_options.h"
#include "connectors/source.h"

namespace rapport::connectors::internal {

class LiveSourceBase : public Source {
 public:
  bool Next(RawDoc* out) final;
  Status status() const final { return status_; }

 protected:
  // REQUIRES: http != nullptr, and *http outlives this object.
  LiveSourceBase(std::string platform, HttpClient* http, LiveCommonOptions common,
                 std::vector<std::pair<std::string, std::string>> headers);

  // Does the next unit of work. Returns false when there is nothing left to
  // do (always after StopSource()).
  virtual bool Step() = 0;

  // GETs `url` with the source's headers. Any HTTP status is a response
  // (true). Returns false when the HTTP layer failed: the failure has been
  // recorded with StopSource(), prefixed with `what` ("@alice: tweets page 2").
  // On success the body has spare capacity for simdjson's padding.
  bool Get(const std::string& url, const std::string& what, HttpResponse* response);

  // Queues `body` as a kJson RawDoc for `url` (redacted) and page number
  // `page`. When `json` is true and --save-raw is on, the body is also
  // appended to the capture file (a write error stops the source).
  void Emit(const std::string& url, uint64_t page, std::string body, bool json);

  void StopSource(Status status);
  void AccountError(Status status);
  void Info(const std::string& message) const;
  void Warn(const std::string& message) const;

  // "HTTP 404 from GET <redacted url>; server said: <start of the body>".
  std::string Describe(const std::string& url, const HttpResponse& response) const;
  // `message` with the secret header values removed.
  std::string Scrub(std::string message) const;

  // Names the environment variable the credential came from in 401/403
  // messages (when the HTTP client did not already).
  void set_credential_env_var(std::string name) { credential_env_var_ = std::move(name); }

  const std::string& platform() const { return platform_; }
  const LiveLimits& limits() const { return common_.limits; }
  bool stopped() const { return stopped_; }

 private:
  std::string platform_;
  HttpClient* http_;
  LiveCommonOptions common_;
  std::vector<std::pair<std::string, std::string>> headers_;
  std::vector<std::pair<std::string, std::string>> scrub_;  // headers_ plus decoded forms of secrets
  std::string credential_env_var_;
  RawCapture capture_;
  std::deque<RawDoc> queue_;
  Status status_;
  bool stopped_ = false;
  bool done_ = false;
};

// Leading '@' and surrounding spaces removed: " @alice " -> "alice".
std::string CleanHandle(std::string_view handle);

}  // namespace rapport::connectors::internal

#endif  // RAPPORT_CONNECTORS_INTERNAL_LIVE_SOURCE_BASE_H_
