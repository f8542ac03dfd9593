// Timestamp parsing and formatting (declared in post_parser.h).
#include <cstdio>
#include <cstring>
#include <string>
#include <string_view>

#include "pipeline/post_parser.h"

namespace rapport::pipeline {
namespace {

// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm).
int64_t DaysFromCivil(int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

bool Digits(std::string_view s, size_t pos, size_t n, int* out) {
  if (pos + n > s.size()) return false;
  int v = 0;
  for (size_t i = pos; i < pos + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    v = v * 10 + (s[i] - '0');
  }
  *out = v;
  return true;
}

bool Valid(int y, int mo, int d, int h, int mi, int se) {
  return y >= 1970 && y <= 9999 && mo >= 1 && mo <= 12 && d >= 1 && d <= 31 && h <= 23 && mi <= 59 && se <= 60;
}

// 2026-05-03T21:04:31(.000)?(Z|+hh:mm|-hh:mm)?
bool ParseIso(std::string_view s, int64_t* out) {
  int y, mo, d, h, mi, se;
  if (!Digits(s, 0, 4, &y) || s.size() < 19 || s[4] != '-' || !Digits(s, 5, 2, &mo) || s[7] != '-' ||
      !Digits(s, 8, 2, &d) || (s[10] != 'T' && s[10] != ' ') || !Digits(s, 11, 2, &h) || s[13] != ':' ||
      !Digits(s, 14, 2, &mi) || s[16] != ':' || !Digits(s, 17, 2, &se))
    return false;
  if (!Valid(y, mo, d, h, mi, se)) return false;
  size_t p = 19;
  if (p < s.size() && s[p] == '.') {
    ++p;
    while (p < s.size() && s[p] >= '0' && s[p] <= '9') ++p;
  }
  int64_t offset = 0;
  if (p < s.size()) {
    if (s[p] == 'Z' && p + 1 == s.size()) {
      // UTC
    } else if ((s[p] == '+' || s[p] == '-') && s.size() >= p + 6 && s[p + 3] == ':') {
      int oh, om;
      if (!Digits(s, p + 1, 2, &oh) || !Digits(s, p + 4, 2, &om)) return false;
      offset = (oh * 3600 + om * 60) * (s[p] == '+' ? 1 : -1);
    } else {
      return false;
    }
  }
  *out = DaysFromCivil(y, mo, d) * 86400 + h * 3600 + mi * 60 + se - offset;
  return true;
}

// Thu Jun 01 17:37:00 +0000 2023
bool ParseTwitterClassic(std::string_view s, int64_t* out) {
  static const char* kMonths = "JanFebMarAprMayJunJulAugSepOctNovDec";
  if (s.size() != 30 || s[3] != ' ' || s[7] != ' ' || s[10] != ' ' || s[19] != ' ' || s[25] != ' ') return false;
  const char* m = std::strstr(kMonths, std::string(s.substr(4, 3)).c_str());
  if (!m || (m - kMonths) % 3) return false;
  int mo = static_cast<int>((m - kMonths) / 3) + 1;
  int d, h, mi, se, y, oh, om;
  if (!Digits(s, 8, 2, &d) || !Digits(s, 11, 2, &h) || s[13] != ':' || !Digits(s, 14, 2, &mi) || s[16] != ':' ||
      !Digits(s, 17, 2, &se) || !Digits(s, 21, 2, &oh) || !Digits(s, 23, 2, &om) || !Digits(s, 26, 4, &y))
    return false;
  if (!Valid(y, mo, d, h, mi, se) || (s[20] != '+' && s[20] != '-')) return false;
  int64_t offset = (oh * 3600 + om * 60) * (s[20] == '+' ? 1 : -1);
  *out = DaysFromCivil(y, mo, d) * 86400 + h * 3600 + mi * 60 + se - offset;
  return true;
}

}  // namespace

bool ParseTimestamp(std::string_view text, int64_t* unix_seconds) {
  return ParseIso(text, unix_seconds) || ParseTwitterClassic(text, unix_seconds);
}

std::string FormatTimestamp(int64_t t) {
  int64_t days = t >= 0 ? t / 86400 : (t - 86399) / 86400;
  int64_t secs = t - days * 86400;
  // civil_from_days (H. Hinnant)
  int64_t z = days + 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  int64_t y = static_cast<int64_t>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  y += m <= 2;
  if (y < 0 || y > 9999) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%04lld-%02u-%02uT%02lld:%02lld:%02lldZ", static_cast<long long>(y), m, d,
                  static_cast<long long>(secs / 3600), static_cast<long long>(secs / 60 % 60),
                  static_cast<long long>(secs % 60));
    return buf;
  }
  // The usual years, two digits at a time (called for every date of every output row).
  static constexpr char kPairs[] =
      "00010203040506070809101112131415161718192021222324252627282930313233343536373839"
      "40414243444546474849505152535455565758596061626364656667686970717273747576777879"
      "8081828384858687888990919293949596979899";
  char buf[20] = {'0', '0', '0', '0', '-', '0', '0', '-', '0', '0', 'T', '0', '0', ':', '0', '0', ':', '0', '0', 'Z'};
  auto put2 = [&buf](size_t at, unsigned v) {  // v < 100
    buf[at] = kPairs[2 * v];
    buf[at + 1] = kPairs[2 * v + 1];
  };
  const auto year = static_cast<unsigned>(y);
  put2(0, year / 100);
  put2(2, year % 100);
  put2(5, m);
  put2(8, d);
  put2(11, static_cast<unsigned>(secs / 3600));
  put2(14, static_cast<unsigned>(secs / 60 % 60));
  put2(17, static_cast<unsigned>(secs % 60));
  return std::string(buf, sizeof buf);
}

}  // namespace rapport::pipeline
