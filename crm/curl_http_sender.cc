// The libcurl HttpSender (see http_sender.h).
#include <curl/curl.h>

#include <algorithm>
#include <cctype>
#include <mutex>
#include <string_view>

#include "base/version.h"
#include "crm/http_sender.h"

namespace rapport::crm {

namespace {

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r' || s.back() == '\n')) {
    s.remove_suffix(1);
  }
  return s;
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// The URL without a "user:password@" part, for messages.
std::string UrlForMessage(const std::string& url) {
  size_t scheme = url.find("://");
  if (scheme == std::string::npos) return url;
  size_t start = scheme + 3;
  size_t end = url.find_first_of("/?#", start);
  size_t at = url.rfind('@', end == std::string::npos ? url.size() : end);
  if (at == std::string::npos || at < start) return url;
  return url.substr(0, start) + "REDACTED@" + url.substr(at + 1);
}

void GlobalInit() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

struct HeaderList {
  curl_slist* list = nullptr;
  ~HeaderList() { curl_slist_free_all(list); }
};

class CurlHttpSender final : public HttpSender {
 public:
  explicit CurlHttpSender(connectors::HttpClientOptions options) : options_(std::move(options)) {
    if (options_.user_agent.empty()) options_.user_agent = std::string("Rapport/") + rapport::kVersion;
    GlobalInit();
    curl_ = curl_easy_init();
  }
  ~CurlHttpSender() override {
    if (curl_ != nullptr) curl_easy_cleanup(curl_);
  }

  Result<connectors::HttpResponse> Send(std::string_view method, const std::string& url, const HttpHeaders& headers,
                                        const std::string& body) override;

 private:
  static size_t OnBody(char* data, size_t size, size_t count, void* self) {
    auto* sender = static_cast<CurlHttpSender*>(self);
    size_t n = size * count;
    if (sender->response_->body.size() + n > sender->options_.max_body_bytes) {
      sender->body_too_big_ = true;
      return 0;  // curl stops with CURLE_WRITE_ERROR
    }
    sender->response_->body.append(data, n);
    return n;
  }
  static size_t OnHeader(char* data, size_t size, size_t count, void* self) {
    auto* sender = static_cast<CurlHttpSender*>(self);
    size_t n = size * count;
    std::string_view line = Trim(std::string_view(data, n));
    if (line.rfind("HTTP/", 0) == 0) {
      sender->response_->headers.clear();  // a new response (after 100 Continue): keep only its headers
    } else if (size_t colon = line.find(':'); colon != std::string_view::npos && colon > 0) {
      sender->response_->headers.emplace_back(Lower(Trim(line.substr(0, colon))),
                                              std::string(Trim(line.substr(colon + 1))));
    }
    return n;
  }

  connectors::HttpClientOptions options_;
  CURL* curl_ = nullptr;
  connectors::HttpResponse* response_ = nullptr;
  bool body_too_big_ = false;
};

Result<connectors::HttpResponse> CurlHttpSender::Send(std::string_view method, const std::string& url,
                                                      const HttpHeaders& headers, const std::string& body) {
  const std::string what = std::string(method) + " " + UrlForMessage(url);
  static constexpr std::string_view kMethods[] = {"GET", "POST", "PUT", "PATCH", "DELETE"};
  if (std::find(std::begin(kMethods), std::end(kMethods), method) == std::end(kMethods)) {
    return Status::InvalidArgument(what + ": unsupported method");
  }
  if (curl_ == nullptr) return Status::Internal(what + ": curl_easy_init failed");
  curl_easy_reset(curl_);  // forget the previous request's options; open connections are kept

  HeaderList list;
  bool has_expect = false;
  for (const auto& [name, value] : headers) {
    if (Lower(name) == "expect") has_expect = true;
    std::string line = value.empty() ? name + ";" : name + ": " + value;
    curl_slist* grown = curl_slist_append(list.list, line.c_str());
    if (grown == nullptr) return Status::Internal(what + ": out of memory");
    list.list = grown;
  }
  if (!has_expect) {
    // No "Expect: 100-continue" round trip for larger bodies.
    curl_slist* grown = curl_slist_append(list.list, "Expect:");
    if (grown == nullptr) return Status::Internal(what + ": out of memory");
    list.list = grown;
  }

  connectors::HttpResponse response;
  response_ = &response;
  body_too_big_ = false;
  char error_text[CURL_ERROR_SIZE] = {0};
  curl_easy_setopt(curl_, CURLOPT_URL, url.c_str());
  if (method == "GET") {
    curl_easy_setopt(curl_, CURLOPT_HTTPGET, 1L);
  } else {
    curl_easy_setopt(curl_, CURLOPT_POST, 1L);
    curl_easy_setopt(curl_, CURLOPT_POSTFIELDS, body.data());
    curl_easy_setopt(curl_, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body.size()));
  }
  curl_easy_setopt(curl_, CURLOPT_HTTPHEADER, list.list);
  curl_easy_setopt(curl_, CURLOPT_USERAGENT, options_.user_agent.c_str());
  curl_easy_setopt(curl_, CURLOPT_ACCEPT_ENCODING, "");
  curl_easy_setopt(curl_, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(options_.connect_timeout_ms));
  curl_easy_setopt(curl_, CURLOPT_TIMEOUT_MS, static_cast<long>(options_.total_timeout_ms));
  curl_easy_setopt(curl_, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl_, CURLOPT_TCP_KEEPALIVE, 1L);
  curl_easy_setopt(curl_, CURLOPT_SSL_VERIFYPEER, 1L);
  curl_easy_setopt(curl_, CURLOPT_SSL_VERIFYHOST, 2L);
  curl_easy_setopt(curl_, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(curl_, CURLOPT_FOLLOWLOCATION, 0L);
  curl_easy_setopt(curl_, CURLOPT_MAXFILESIZE_LARGE, static_cast<curl_off_t>(options_.max_body_bytes));
  curl_easy_setopt(curl_, CURLOPT_WRITEFUNCTION, &CurlHttpSender::OnBody);
  curl_easy_setopt(curl_, CURLOPT_WRITEDATA, this);
  curl_easy_setopt(curl_, CURLOPT_HEADERFUNCTION, &CurlHttpSender::OnHeader);
  curl_easy_setopt(curl_, CURLOPT_HEADERDATA, this);
  curl_easy_setopt(curl_, CURLOPT_ERRORBUFFER, error_text);

  const std::string method_text(method);
  if (method != "GET" && method != "POST") curl_easy_setopt(curl_, CURLOPT_CUSTOMREQUEST, method_text.c_str());

  CURLcode rc = curl_easy_perform(curl_);
  response_ = nullptr;
  curl_easy_setopt(curl_, CURLOPT_ERRORBUFFER, nullptr);
  curl_easy_setopt(curl_, CURLOPT_HTTPHEADER, nullptr);
  curl_easy_setopt(curl_, CURLOPT_POSTFIELDS, nullptr);
  curl_easy_setopt(curl_, CURLOPT_CUSTOMREQUEST, nullptr);

  if (body_too_big_ || rc == CURLE_FILESIZE_EXCEEDED) {
    return Status::Corruption(what + ": response body exceeds " + std::to_string(options_.max_body_bytes) + " bytes");
  }
  if (rc != CURLE_OK) {
    // Curl's error text names hosts and paths, never header values.
    std::string message = what + ": " + curl_easy_strerror(rc);
    if (error_text[0] != '\0') message += " (" + std::string(error_text) + ")";
    switch (rc) {
      case CURLE_URL_MALFORMAT:
      case CURLE_UNSUPPORTED_PROTOCOL:
        return Status::InvalidArgument(message);
      case CURLE_COULDNT_RESOLVE_HOST:
      case CURLE_COULDNT_RESOLVE_PROXY:
      case CURLE_COULDNT_CONNECT:
      case CURLE_SSL_CONNECT_ERROR:
      case CURLE_PEER_FAILED_VERIFICATION:
        return Status::Unavailable(message + " (not sent)");
      default: {
        // Nothing of the request written (e.g. a connect timeout): not sent.
        // A reused connection has no connect time, so ask what was sent.
        long request_bytes = 0;
        curl_easy_getinfo(curl_, CURLINFO_REQUEST_SIZE, &request_bytes);
        if (request_bytes == 0) return Status::Unavailable(message + " (not sent)");
        return Status::IoError(message);
      }
    }
  }
  long status = 0;
  curl_easy_getinfo(curl_, CURLINFO_RESPONSE_CODE, &status);
  response.status = status;
  return response;
}

}  // namespace

std::unique_ptr<HttpSender> NewCurlHttpSender(connectors::HttpClientOptions options) {
  return std::make_unique<CurlHttpSender>(std::move(options));
}

}  // namespace rapport::crm
