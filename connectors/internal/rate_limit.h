// Reading rate-limit headers: when may we retry, and is waiting any use?
//
// The rule for an HTTP 429 (decided from the status and headers, never the
// body, which differs between services):
//   1. If a "remaining" header (x-rate-limit-remaining on X,
//      x-ratelimit-remaining on Mastodon, ratelimit-remaining on Bluesky) is
//      present and not 0, the rate-limit window still has requests left, so
//      the refusal is a usage cap (X answers a used-up monthly post cap with a
//      429 like this): kUsageCap.
//   2. Else, if a reset time can be read from retry-after, x-rate-limit-reset,
//      x-ratelimit-reset or ratelimit-reset (in that order): kRateLimit,
//      retry at that time.
//   3. Else (a 429 with no reset time at all, which waiting cannot be timed
//      against): kUsageCap.
// Pure functions; thread-safe.
#ifndef RAPPORT_CONNECTORS_INTERNAL_RATE_LIMIT_H_
#define RAPPORT_CONNECTORS_INTERNAL_RATE_LIMIT_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "connectors/http_client.h"

namespace rapport::connectors::internal {

struct TooManyRequests {
  enum class Kind { kRateLimit, kUsageCap };
  Kind kind = Kind::kUsageCap;
  int64_t reset_ms = 0;  // kRateLimit: Unix time (ms) at which to retry
  std::string reason;    // which header decided, e.g. "x-rate-limit-remaining is 37"
};

TooManyRequests ClassifyTooManyRequests(const HttpResponse& response, int64_t now_ms);

// Reads a reset time as Unix ms: an integer below 1e9 is seconds from now (the
// Retry-After and IETF RateLimit-Reset form), a larger one is Unix seconds (X,
// Bluesky); also an HTTP date ("Wed, 21 Oct 2015 07:28:00 GMT") or an ISO 8601
// UTC time ("2023-06-01T12:00:00.000Z", Mastodon). Returns -1 if unreadable.
int64_t ParseResetTime(std::string_view value, int64_t now_ms);

// "2023-06-01T12:00:00Z" for a Unix time in ms.
std::string FormatUtc(int64_t unix_ms);

}  // namespace rapport::connectors::internal

#endif  // RAPPORT_CONNECTORS_INTERNAL_RATE_LIMIT_H_
