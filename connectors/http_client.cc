#include "connectors/http_client.h"

#include "connectors/internal/curl_http_client.h"
#include "connectors/internal/redaction.h"

namespace rapport::connectors {

std::string HttpResponse::Header(std::string_view name) const {
  std::string lower = internal::ToLower(name);
  for (const auto& [key, value] : headers) {
    if (key == lower || internal::ToLower(key) == lower) return value;
  }
  return "";
}

std::unique_ptr<HttpClient> NewCurlHttpClient(HttpClientOptions options) {
  return std::make_unique<internal::CurlHttpClient>(std::move(options));
}

}  // namespace rapport::connectors
