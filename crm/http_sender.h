// HttpSender: the narrow HTTP interface the CRM clients are written against.
//
// connectors::HttpClient only does GET (the sources' needs); CRM APIs also
// POST JSON. Rather than widen that interface, the crm module has its own:
// one Send() that takes the method, the URL, the headers and the body, and
// answers with a connectors::HttpResponse (status, lower-cased headers, body).
// Tests inject a sender, or point the real one at a local server.
//
// Example:
//   auto http = NewCurlHttpSender({});
//   Result<connectors::HttpResponse> r = http->Send(
//       "POST", "https://api.hubapi.com/crm/v3/objects/notes",
//       {{"Authorization", "Bearer " + token}, {"Content-Type", "application/json"}}, body);
//   if (!r.ok()) ...                 // no usable response (see below)
//   if (r->status != 201) ...        // any HTTP status is a response
//
// Implementations are not thread-safe unless they say otherwise.
#ifndef RAPPORT_CRM_HTTP_SENDER_H_
#define RAPPORT_CRM_HTTP_SENDER_H_

#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/status.h"
#include "connectors/http_client.h"

namespace rapport::crm {

using HttpHeaders = std::vector<std::pair<std::string, std::string>>;

class HttpSender {
 public:
  HttpSender() = default;
  HttpSender(const HttpSender&) = delete;
  HttpSender& operator=(const HttpSender&) = delete;
  virtual ~HttpSender() = default;

  // Sends one request ("GET", "POST", "PUT", "PATCH" or "DELETE"); `body` is
  // sent as is (for GET it must be empty). Any HTTP status, 4xx and 5xx
  // included, is a response; a non-ok Status means no usable response arrived.
  virtual Result<connectors::HttpResponse> Send(std::string_view method, const std::string& url,
                                                const HttpHeaders& headers, const std::string& body) = 0;
};

// The libcurl sender. TLS verification is always on, redirects are never
// followed (a redirected POST would be resent), gzip/deflate responses are
// decoded, one connection is kept alive between calls. Uses the timeouts,
// body cap and User-Agent of `options` (max_redirects is ignored). Send()
// returns:
//   - Unavailable "<METHOD> <url>: <curl error> (not sent)" when the request
//     was certainly not delivered (DNS, connection refused, TLS handshake, or
//     any failure before a byte of the request was written): safe to retry,
//     even for a POST;
//   - IoError "<METHOD> <url>: <curl error>" for other transport failures
//     (timeout or reset after sending): the server may have acted on it;
//   - Corruption when the body exceeds max_body_bytes;
//   - InvalidArgument for a URL or method libcurl cannot use.
// Messages never contain header values. Never throws. Not thread-safe.
std::unique_ptr<HttpSender> NewCurlHttpSender(connectors::HttpClientOptions options = {});

}  // namespace rapport::crm

#endif  // RAPPORT_CRM_HTTP_SENDER_H_
