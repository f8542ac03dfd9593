#include "connectors/internal/rate_limit.h"

#include <time.h>

#include <array>
#include <charconv>
#include <cstring>

namespace rapport::connectors::internal {

namespace {

bool ParseInt(std::string_view s, int64_t* out) {
  if (s.empty()) return false;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), *out);
  return ec == std::errc() && end == s.data() + s.size();
}

// Parses `value` with strptime `format` as a UTC time; -1 if it does not match.
int64_t ParseUtc(const std::string& value, const char* format) {
  struct tm tm;
  std::memset(&tm, 0, sizeof(tm));
  const char* end = strptime(value.c_str(), format, &tm);
  if (end == nullptr) return -1;
  // Allow fractional seconds and a trailing zone of Z or GMT.
  std::string_view rest(end);
  if (!rest.empty() && rest[0] == '.') {
    size_t digits = rest.find_first_not_of("0123456789", 1);
    rest.remove_prefix(digits == std::string_view::npos ? rest.size() : digits);
  }
  if (!(rest.empty() || rest == "Z" || rest == " GMT" || rest == "+00:00")) return -1;
  time_t t = timegm(&tm);
  return t < 0 ? -1 : static_cast<int64_t>(t) * 1000;
}

}  // namespace

int64_t ParseResetTime(std::string_view value, int64_t now_ms) {
  int64_t n = 0;
  if (ParseInt(value, &n)) {
    if (n < 0) return -1;
    return n < 1'000'000'000 ? now_ms + n * 1000 : n * 1000;
  }
  std::string text(value);
  int64_t t = ParseUtc(text, "%a, %d %b %Y %H:%M:%S");
  if (t < 0) t = ParseUtc(text, "%Y-%m-%dT%H:%M:%S");
  return t;
}

std::string FormatUtc(int64_t unix_ms) {
  time_t t = static_cast<time_t>(unix_ms / 1000);
  struct tm tm;
  gmtime_r(&t, &tm);
  char buf[32];
  strftime(buf, sizeof(buf), "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

TooManyRequests ClassifyTooManyRequests(const HttpResponse& response, int64_t now_ms) {
  TooManyRequests result;
  for (const char* name : {"x-rate-limit-remaining", "x-ratelimit-remaining", "ratelimit-remaining"}) {
    std::string value = response.Header(name);
    if (value.empty()) continue;
    int64_t remaining = 0;
    if (ParseInt(value, &remaining) && remaining == 0) break;
    result.kind = TooManyRequests::Kind::kUsageCap;
    result.reason = std::string(name) + " is " + value + ", so the rate-limit window is not used up";
    return result;
  }
  for (const char* name : {"retry-after", "x-rate-limit-reset", "x-ratelimit-reset", "ratelimit-reset"}) {
    std::string value = response.Header(name);
    if (value.empty()) continue;
    int64_t reset = ParseResetTime(value, now_ms);
    if (reset < 0) continue;
    result.kind = TooManyRequests::Kind::kRateLimit;
    result.reset_ms = reset;
    result.reason = std::string(name) + ": " + value;
    return result;
  }
  result.kind = TooManyRequests::Kind::kUsageCap;
  result.reason = "no rate-limit reset header";
  return result;
}

}  // namespace rapport::connectors::internal
