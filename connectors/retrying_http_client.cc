#include "connectors/retrying_http_client.h"

#include <algorithm>
#include <random>
#include <utility>

#include "connectors/internal/rate_limit.h"
#include "connectors/internal/redaction.h"

namespace rapport::connectors {

namespace {

// Rate-limit resets are whole seconds: retry a little after, not on the edge.
constexpr int64_t kResetMarginMs = 1'000;
// How much of an error body to quote in a message.
constexpr size_t kBodyQuoteBytes = 300;

class RetryingHttpClient final : public HttpClient {
 public:
  RetryingHttpClient(std::unique_ptr<HttpClient> base, RetryingHttpClientOptions options)
      : base_(std::move(base)),
        options_(std::move(options)),
        clock_(options_.clock ? options_.clock : Clock::Default()),
        rng_(options_.retry.seed ? options_.retry.seed : std::random_device{}()) {}

  Result<HttpResponse> Get(const HttpRequest& request) override;

 private:
  // The backoff before retry number `retry` (1-based), jittered.
  int64_t Backoff(int retry);
  // The start of `body`, on one line, with the request's secrets removed.
  std::string Quote(const HttpRequest& request, const std::string& body) const;

  std::unique_ptr<HttpClient> base_;
  RetryingHttpClientOptions options_;
  Clock* clock_;
  std::mt19937_64 rng_;
};

int64_t RetryingHttpClient::Backoff(int retry) {
  const RetryPolicy& p = options_.retry;
  double base = static_cast<double>(std::max<int64_t>(p.initial_backoff_ms, 0));
  for (int i = 1; i < retry && base < static_cast<double>(p.max_backoff_ms); ++i) base *= 2;
  base = std::min(base, static_cast<double>(p.max_backoff_ms));
  double jitter = std::clamp(p.jitter, 0.0, 1.0);
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  return static_cast<int64_t>(base * (1.0 - jitter * unit(rng_)));
}

std::string RetryingHttpClient::Quote(const HttpRequest& request, const std::string& body) const {
  std::string quote = body.substr(0, kBodyQuoteBytes);
  for (char& c : quote) {
    if (c == '\n' || c == '\r' || c == '\t') c = ' ';
  }
  if (body.size() > kBodyQuoteBytes) quote += "...";
  return internal::ScrubSecrets(std::move(quote), request.headers);
}

Result<HttpResponse> RetryingHttpClient::Get(const HttpRequest& request) {
  const RetryPolicy& policy = options_.retry;
  const int max_attempts = std::max(policy.max_attempts, 1);
  const std::string what = "GET " + internal::RedactUrl(request.url);
  for (int attempt = 1;; ++attempt) {
    const bool last = attempt >= max_attempts;
    Result<HttpResponse> result = base_->Get(request);
    int64_t delay = 0;
    if (!result.ok()) {
      if (result.status().code() != Status::Code::kIoError) return result;
      if (last) {
        return Status::IoError(result.status().message() + " (gave up after " + std::to_string(attempt) + " attempts)");
      }
      delay = Backoff(attempt);
    } else {
      const HttpResponse& response = *result;
      const std::string code = "HTTP " + std::to_string(response.status);
      if (response.status == 401 || response.status == 403) {
        std::string message = code + " from " + what + ": the credential was refused";
        if (!options_.credential_env_var.empty()) {
          message += "; check $" + options_.credential_env_var + " (set, current, and with access to this endpoint)";
        }
        if (!response.body.empty()) message += "; server said: " + Quote(request, response.body);
        return Status::InvalidArgument(message);
      }
      if (response.status == 429) {
        const int64_t now = clock_->NowMillis();
        internal::TooManyRequests limit = internal::ClassifyTooManyRequests(response, now);
        if (limit.kind == internal::TooManyRequests::Kind::kUsageCap) {
          return Status::Unavailable("usage cap reached: " + code + " from " + what + " (" + limit.reason +
                                     "); waiting for a rate-limit reset will not help, retry when the cap resets");
        }
        const int64_t wait = std::max<int64_t>(limit.reset_ms - now, 0) + kResetMarginMs;
        if (wait > policy.max_rate_limit_wait_ms) {
          return Status::Unavailable("rate limited until " + internal::FormatUtc(limit.reset_ms) + ": " + code +
                                     " from " + what + " (" + limit.reason + "); that is more than the " +
                                     std::to_string(policy.max_rate_limit_wait_ms / 1000) + " s allowed to wait");
        }
        if (last) {
          return Status::Unavailable("still rate limited after " + std::to_string(attempt) + " attempts: " + code +
                                     " from " + what + " (" + limit.reason + ")");
        }
        delay = wait;
      } else if (response.status >= 500) {
        if (last) {
          std::string message = code + " from " + what + " after " + std::to_string(attempt) + " attempts";
          if (!response.body.empty()) message += "; server said: " + Quote(request, response.body);
          return Status::Unavailable(message);
        }
        delay = Backoff(attempt);
        std::string retry_after = response.Header("retry-after");
        if (!retry_after.empty()) {
          int64_t now = clock_->NowMillis();
          int64_t asked = internal::ParseResetTime(retry_after, now) - now;
          if (asked > delay && asked <= policy.max_rate_limit_wait_ms) delay = asked;
        }
      } else {
        return result;
      }
    }
    clock_->SleepMillis(delay);
  }
}

}  // namespace

std::unique_ptr<HttpClient> NewRetryingHttpClient(std::unique_ptr<HttpClient> base, RetryingHttpClientOptions options) {
  return std::make_unique<RetryingHttpClient>(std::move(base), std::move(options));
}

}  // namespace rapport::connectors
