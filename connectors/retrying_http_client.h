// RetryingHttpClient: an HttpClient wrapper that retries, waits out rate
// limits, and turns refusals into clear errors.
//
// What Get() does with the wrapped client's answer:
//   - transport failure (IoError): retried with capped exponential backoff
//     and jitter; after RetryPolicy::max_attempts, that IoError.
//   - 5xx: retried the same way (waiting longer if Retry-After asks, up to
//     max_rate_limit_wait_ms); then Unavailable("HTTP 503 from GET <url>
//     after N attempts ...").
//   - 429: see internal/rate_limit.h for the rule. A rate limit whose reset
//     is at most max_rate_limit_wait_ms away is waited out (until the reset
//     plus one second) and retried; a later reset gives
//     Unavailable("rate limited until <UTC time> ..."). A usage cap gives
//     Unavailable("usage cap reached ...") at once, without retrying.
//   - 401 and 403: InvalidArgument naming credential_env_var (never the
//     credential) and quoting the start of the body with secrets removed.
//   - anything else (2xx, 3xx, other 4xx): the response, as is; the caller
//     decides (an HTML error page is returned like any body).
// Other Status codes from the wrapped client are returned without retrying.
// All messages name the URL with secret query parameters redacted.
// Thread-safety: as the wrapped client (not thread-safe for curl).
#ifndef RAPPORT_CONNECTORS_RETRYING_HTTP_CLIENT_H_
#define RAPPORT_CONNECTORS_RETRYING_HTTP_CLIENT_H_

#include <cstdint>
#include <memory>
#include <string>

#include "connectors/clock.h"
#include "connectors/http_client.h"

namespace rapport::connectors {

struct RetryPolicy {
  // Default: 5. Attempts in all, the first one included, for one Get().
  int max_attempts = 5;
  // Default: 1 s. Backoff before the first retry; it doubles on each retry.
  int64_t initial_backoff_ms = 1'000;
  // Default: 60 s. Longest backoff.
  int64_t max_backoff_ms = 60'000;
  // Default: 0.25. A backoff b is drawn uniformly from [b * (1 - jitter), b].
  double jitter = 0.25;
  // Default: 15 min (X's rate-limit window). Longest wait for a rate-limit
  // reset; a later reset fails the request with Unavailable.
  int64_t max_rate_limit_wait_ms = 15 * 60 * 1'000;
  // Default: 0 (seed from std::random_device). Seed of the jitter generator.
  uint64_t seed = 0;
};

struct RetryingHttpClientOptions {
  RetryPolicy retry;
  // Default: "". The environment variable the credential came from, e.g.
  // "RAPPORT_X_BEARER_TOKEN", named in 401/403 errors.
  std::string credential_env_var;
  // Default: nullptr, meaning Clock::Default(). Not owned: *clock must
  // remain live while the client is in use.
  Clock* clock = nullptr;
};

// REQUIRES: base != nullptr.
std::unique_ptr<HttpClient> NewRetryingHttpClient(std::unique_ptr<HttpClient> base,
                                                  RetryingHttpClientOptions options = {});

}  // namespace rapport::connectors

#endif  // RAPPORT_CONNECTORS_RETRYING_HTTP_CLIENT_H_
