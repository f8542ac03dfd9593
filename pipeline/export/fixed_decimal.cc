#include "pipeline/export/fixed_decimal.h"

#include <charconv>
#include <cmath>
#include <cstdint>
#include <limits>

namespace rapport::pipeline {

bool AppendFixed(std::string* out, double value, int decimals) {
  if (!std::isfinite(value)) return false;
  constexpr bool kWideLongDouble = std::numeric_limits<long double>::digits >= 64;
  if (kWideLongDouble && decimals >= 0 && decimals <= 4 && std::fabs(value) < 1e14) {
    static constexpr uint64_t kScale[] = {1, 10, 100, 1000, 10000};
    const uint64_t scale = kScale[decimals];
    // Exact (see the header); nearbyintl rounds a tie to even in the default
    // rounding mode, as to_chars rounds a value exactly halfway.
    const long double scaled = std::fabs(static_cast<long double>(value)) * static_cast<long double>(scale);
    const auto n = static_cast<uint64_t>(std::nearbyintl(scaled));
    char buf[32];
    char* p = buf;
    if (std::signbit(value)) *p++ = '-';  // as to_chars: "-0.0000" for -0.0 and -0.00001
    p = std::to_chars(p, buf + sizeof buf, n / scale).ptr;
    if (decimals > 0) {
      *p++ = '.';
      uint64_t frac = n % scale;
      for (int i = decimals - 1; i >= 0; --i, frac /= 10) p[i] = static_cast<char>('0' + frac % 10);
      p += decimals;
    }
    out->append(buf, p);
    return true;
  }
  char buf[400];  // %.Nf of the largest double needs 309 digits before the point
  const auto [end, ec] = std::to_chars(buf, buf + sizeof buf, value, std::chars_format::fixed, decimals);
  if (ec != std::errc()) return false;
  out->append(buf, end);
  return true;
}

}  // namespace rapport::pipeline
