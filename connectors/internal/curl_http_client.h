// CurlHttpClient: the libcurl implementation of HttpClient.
//
// Reuses one CURL easy handle, so the connection (and TLS session) to a host
// stays open between calls. See NewCurlHttpClient() in http_client.h for the
// returned Status codes. Not thread-safe.
#ifndef RAPPORT_CONNECTORS_INTERNAL_CURL_HTTP_CLIENT_H_
#define RAPPORT_CONNECTORS_INTERNAL_CURL_HTTP_CLIENT_H_

#include <cstddef>
#include <string>

#include "connectors/http_client.h"

namespace rapport::connectors::internal {

class CurlHttpClient final : public HttpClient {
 public:
  explicit CurlHttpClient(HttpClientOptions options);
  ~CurlHttpClient() override;

  Result<HttpResponse> Get(const HttpRequest& request) override;

 private:
  static size_t OnBody(char* data, size_t size, size_t count, void* self);
  static size_t OnHeader(char* data, size_t size, size_t count, void* self);

  HttpClientOptions options_;
  void* curl_;  // CURL*; void* keeps curl.h out of this header
  // State of the request in flight.
  HttpResponse* response_ = nullptr;
  bool body_too_big_ = false;
};

}  // namespace rapport::connectors::internal

#endif  // RAPPORT_CONNECTORS_INTERNAL_CURL_HTTP_CLIENT_H_
