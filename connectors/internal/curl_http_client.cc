#include "connectors/internal/curl_http_client.h"

#include <curl/curl.h>

#include <mutex>
#include <string_view>

#include "base/version.h"
#include "connectors/internal/redaction.h"

namespace rapport::connectors::internal {

namespace {

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r' || s.back() == '\n')) {
    s.remove_suffix(1);
  }
  return s;
}

void GlobalInit() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

// Frees a curl_slist when the request is done.
struct HeaderList {
  curl_slist* list = nullptr;
  ~HeaderList() { curl_slist_free_all(list); }
};

}  // namespace

CurlHttpClient::CurlHttpClient(HttpClientOptions options) : options_(std::move(options)), curl_(nullptr) {
  if (options_.user_agent.empty()) options_.user_agent = std::string("Rapport/") + rapport::kVersion;
  GlobalInit();
  curl_ = curl_easy_init();
}

CurlHttpClient::~CurlHttpClient() {
  if (curl_ != nullptr) curl_easy_cleanup(static_cast<CURL*>(curl_));
}

size_t CurlHttpClient::OnBody(char* data, size_t size, size_t count, void* self) {
  auto* client = static_cast<CurlHttpClient*>(self);
  size_t n = size * count;
  if (client->response_->body.size() + n > client->options_.max_body_bytes) {
    client->body_too_big_ = true;
    return 0;  // makes curl stop with CURLE_WRITE_ERROR
  }
  client->response_->body.append(data, n);
  return n;
}

size_t CurlHttpClient::OnHeader(char* data, size_t size, size_t count, void* self) {
  auto* client = static_cast<CurlHttpClient*>(self);
  size_t n = size * count;
  std::string_view line = Trim(std::string_view(data, n));
  if (line.rfind("HTTP/", 0) == 0) {
    // A new response (after a redirect or a 100 Continue): keep only its headers.
    client->response_->headers.clear();
  } else if (size_t colon = line.find(':'); colon != std::string_view::npos && colon > 0) {
    client->response_->headers.emplace_back(ToLower(Trim(line.substr(0, colon))),
                                            std::string(Trim(line.substr(colon + 1))));
  }
  return n;
}

Result<HttpResponse> CurlHttpClient::Get(const HttpRequest& request) {
  const std::string what = "GET " + RedactUrl(request.url);
  if (curl_ == nullptr) return Status::Internal(what + ": curl_easy_init failed");
  CURL* curl = static_cast<CURL*>(curl_);
  // Forget the previous request's options; open connections are kept.
  curl_easy_reset(curl);

  HeaderList headers;
  for (const auto& [name, value] : request.headers) {
    // "Name;" is curl's way to send a header with an empty value.
    std::string line = value.empty() ? name + ";" : name + ": " + value;
    curl_slist* grown = curl_slist_append(headers.list, line.c_str());
    if (grown == nullptr) return Status::Internal(what + ": out of memory");
    headers.list = grown;
  }

  HttpResponse response;
  response_ = &response;
  body_too_big_ = false;
  char error_text[CURL_ERROR_SIZE] = {0};
  curl_easy_setopt(curl, CURLOPT_URL, request.url.c_str());
  curl_easy_setopt(curl, CURLOPT_HTTPGET, 1L);
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers.list);
  curl_easy_setopt(curl, CURLOPT_USERAGENT, options_.user_agent.c_str());
  curl_easy_setopt(curl, CURLOPT_ACCEPT_ENCODING, "");  // every encoding libcurl can decode
  curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(options_.connect_timeout_ms));
  curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, static_cast<long>(options_.total_timeout_ms));
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl, CURLOPT_TCP_KEEPALIVE, 1L);
  curl_easy_setopt(curl, CURLOPT_SSL_VERIFYPEER, 1L);
  curl_easy_setopt(curl, CURLOPT_SSL_VERIFYHOST, 2L);
  curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(curl, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, options_.max_redirects > 0 ? 1L : 0L);
  curl_easy_setopt(curl, CURLOPT_MAXREDIRS, static_cast<long>(options_.max_redirects));
  curl_easy_setopt(curl, CURLOPT_MAXFILESIZE_LARGE, static_cast<curl_off_t>(options_.max_body_bytes));
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, &CurlHttpClient::OnBody);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, this);
  curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, &CurlHttpClient::OnHeader);
  curl_easy_setopt(curl, CURLOPT_HEADERDATA, this);
  curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, error_text);

  CURLcode rc = curl_easy_perform(curl);
  response_ = nullptr;
  curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, nullptr);  // error_text goes out of scope
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, nullptr);   // so does headers.list

  if (body_too_big_ || rc == CURLE_FILESIZE_EXCEEDED) {
    return Status::Corruption(what + ": response body exceeds " + std::to_string(options_.max_body_bytes) + " bytes");
  }
  if (rc != CURLE_OK) {
    std::string message = what + ": " + curl_easy_strerror(rc);
    if (error_text[0] != '\0') message += " (" + ScrubSecrets(error_text, request.headers) + ")";
    if (rc == CURLE_URL_MALFORMAT || rc == CURLE_UNSUPPORTED_PROTOCOL) return Status::InvalidArgument(message);
    return Status::IoError(message);
  }
  long status = 0;
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
  response.status = status;
  return response;
}

}  // namespace rapport::connectors::internal
