#include "nlp/internal/day_month.h"

#include <algorithm>
#include <cstdio>

namespace rapport::nlp::internal {
namespace {

// 1..31 from "15", "15th", "1st", "2nd", "3rd"; 0 otherwise.
unsigned DayNumber(std::string_view w) {
  size_t digits = 0;
  while (digits < w.size() && w[digits] >= '0' && w[digits] <= '9') ++digits;
  if (digits == 0 || digits > 2) return 0;
  std::string_view suffix = w.substr(digits);
  if (!suffix.empty() && suffix != "st" && suffix != "nd" && suffix != "rd" && suffix != "th") return 0;
  unsigned d = 0;
  for (size_t i = 0; i < digits; ++i) d = d * 10 + static_cast<unsigned>(w[i] - '0');
  return d >= 1 && d <= 31 ? d : 0;
}

bool Valid(unsigned month, unsigned day) {
  static constexpr unsigned kDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month >= 1 && month <= 12 && day >= 1 && day <= kDays[month - 1];
}

}  // namespace

unsigned MonthNumber(std::string_view w) {
  static constexpr std::string_view kFull[] = {"january", "february", "march",     "april",   "may",      "june",
                                                "july",    "august",   "september", "october", "november", "december"};
  static constexpr std::string_view kShort[] = {"jan", "feb", "mar", "apr", "may", "jun",
                                                "jul", "aug", "sep", "oct", "nov", "dec"};
  for (unsigned i = 0; i < 12; ++i)
    if (w == kFull[i] || w == kShort[i]) return i + 1;
  if (w == "sept") return 9;
  return 0;
}

bool FindDayMonth(const std::vector<std::string_view>& words, size_t from, size_t window, unsigned* month,
                  unsigned* day) {
  const size_t end = std::min(words.size(), from + window);
  size_t i = from;
  // Leading "on", "the", "is": at most two of them.
  for (int skip = 0; skip < 2 && i < end && (words[i] == "on" || words[i] == "the" || words[i] == "is"); ++skip) ++i;
  if (i >= end) return false;
  auto at = [&](size_t k) { return k < end ? words[k] : std::string_view(); };
  // MONTH [the] DAY
  if (unsigned m = MonthNumber(at(i))) {
    size_t k = i + 1;
    if (at(k) == "the") ++k;
    if (unsigned d = DayNumber(at(k)); d && Valid(m, d)) {
      *month = m, *day = d;
      return true;
    }
    return false;
  }
  // DAY [of] MONTH
  if (unsigned d = DayNumber(at(i))) {
    size_t k = i + 1;
    if (at(k) == "of") ++k;
    if (unsigned m = MonthNumber(at(k)); m && Valid(m, d)) {
      *month = m, *day = d;
      return true;
    }
  }
  return false;
}

std::string MonthDayString(unsigned month, unsigned day) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "--%02u%02u", month, day);
  return buf;
}

void MonthDayOf(int64_t unix_seconds, unsigned* month, unsigned* day) {
  // Days since 1970-01-01 to a civil date (H. Hinnant's algorithm).
  const int64_t days = (unix_seconds >= 0 ? unix_seconds : unix_seconds - 86399) / 86400;
  const int64_t z = days + 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  *day = doy - (153 * mp + 2) / 5 + 1;
  *month = mp < 10 ? mp + 3 : mp - 9;
}

}  // namespace rapport::nlp::internal
