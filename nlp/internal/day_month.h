// Day-and-month dates as people write them ("April 15th", "the 2nd of March",
// "on 3 June"), and the day of a post, for birthdays and anniversaries.
#ifndef RAPPORT_NLP_INTERNAL_DAY_MONTH_H_
#define RAPPORT_NLP_INTERNAL_DAY_MONTH_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace rapport::nlp::internal {

// 1..12 for a month name or its abbreviation ("april", "apr", "sept"),
// lower case; 0 otherwise.
unsigned MonthNumber(std::string_view word);

// A date among words[from, from + window) (lower-cased words and numbers):
// MONTH [the] DAY, or [the] DAY [of] MONTH, where DAY is 1-31 with an
// optional ordinal suffix ("15", "15th"). Optional "on"/"the" before it. The
// date must start within the first two words of the window. Checks the day
// against the month (no 31 April; 29 February allowed).
bool FindDayMonth(const std::vector<std::string_view>& words, size_t from, size_t window, unsigned* month,
                  unsigned* day);

// "--MMDD", as vCard writes a date without a year.
std::string MonthDayString(unsigned month, unsigned day);

// The month and day (UTC) of a Unix time.
void MonthDayOf(int64_t unix_seconds, unsigned* month, unsigned* day);

}  // namespace rapport::nlp::internal

#endif  // RAPPORT_NLP_INTERNAL_DAY_MONTH_H_
