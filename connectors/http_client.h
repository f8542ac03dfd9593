// HttpClient: the narrow HTTP interface the HTTP sources are written against.
//
// Sources take an HttpClient* (like leveldb's Options::env) so tests can
// inject a FakeHttpClient. The real one, NewCurlHttpClient(), is libcurl
// with TLS verification always on, gzip/deflate accepted, and one connection
// kept alive between calls. Wrap it in NewRetryingHttpClient()
// (retrying_http_client.h) for retries and rate limits.
//
// Example:
//   auto http = NewCurlHttpClient({});
//   Result<HttpResponse> r = http->Get({"https://api.x.com/2/users/me",
//                                      {{"Authorization", "Bearer " + token}}});
//   if (!r.ok()) return r.status();   // transport failure: IoError
//   if (r->status != 200) ...         // any HTTP status is a response
//
// Implementations are not thread-safe unless they say otherwise: one thread
// calls Get() at a time (the pipeline's serial input stage).
#ifndef RAPPORT_CONNECTORS_HTTP_CLIENT_H_
#define RAPPORT_CONNECTORS_HTTP_CLIENT_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/status.h"

namespace rapport::connectors {

struct HttpRequest {
  std::string url;
  // Sent as given. Values of secret headers (Authorization, Cookie, and any
  // name containing "token", "secret", "key" or "auth") are never logged
  // and are scrubbed from error messages.
  std::vector<std::pair<std::string, std::string>> headers;
};

struct HttpResponse {
  long status = 0;  // e.g. 200, 429
  // In the order received, names lower-cased, values trimmed. Only the final
  // response's headers when redirects were followed.
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;  // decoded (gzip/deflate removed), as sent otherwise

  // The value of the first header called `name` (any case), or "" if none.
  std::string Header(std::string_view name) const;
};

class HttpClient {
 public:
  HttpClient() = default;
  HttpClient(const HttpClient&) = delete;
  HttpClient& operator=(const HttpClient&) = delete;
  virtual ~HttpClient() = default;

  // Performs a GET. Any HTTP status, 4xx and 5xx included, is a response;
  // a non-ok Status means no usable response arrived (see the
  // implementation for which codes it returns).
  virtual Result<HttpResponse> Get(const HttpRequest& request) = 0;
};

struct HttpClientOptions {
  // Default: 10 s. Time allowed to connect (DNS, TCP and TLS).
  int64_t connect_timeout_ms = 10'000;
  // Default: 60 s. Time allowed for a whole request, body included.
  int64_t total_timeout_ms = 60'000;
  // Default: 64 MiB. A larger (decoded) body fails the request.
  uint64_t max_body_bytes = 64ull << 20;
  // Default: 5. Redirects followed (http and https only); 0 turns them off.
  int max_redirects = 5;
  // Default: "" (meaning "Rapport/<version>"). The User-Agent header.
  std::string user_agent;
};

// The libcurl client. Get() returns:
//   - IoError "GET <url>: <curl error text>" for transport failures
//     (connect, TLS, timeout, reset, truncated body); <url> has its secret
//     query parameters replaced by "REDACTED";
//   - Corruption when the body exceeds max_body_bytes;
//   - InvalidArgument for a URL libcurl cannot use.
// Never throws. Not thread-safe (it reuses one curl handle, and with it the
// open connection); use one client per thread.
std::unique_ptr<HttpClient> NewCurlHttpClient(HttpClientOptions options = {});

}  // namespace rapport::connectors

#endif  // RAPPORT_CONNECTORS_HTTP_CLIENT_H_
