// AppendFixed: a number with a fixed count of decimals, exactly as
// std::to_chars(…, std::chars_format::fixed, decimals) writes it ("%.4f"
// without printf's locale), for the scores every export prints.
//
// to_chars with a precision takes ~600 instructions a number in libstdc++;
// up to 4 decimals this scales the double by 10^decimals in long double
// (exact: 10^4 is 2^4 * 625, and 53 + 10 bits fit a 64-bit significand),
// rounds half to even as to_chars does for an exact tie, and prints the
// integer. Other cases (more decimals, |value| >= 1e14, a long double
// without 64 bits of significand) go to to_chars itself. Thread-safe.
//
// Example: AppendFixed(&out, 0.73456, 4) appends "0.7346"; AppendFixed(&out, 2.5, 0) appends "2".
#ifndef RAPPORT_PIPELINE_EXPORT_FIXED_DECIMAL_H_
#define RAPPORT_PIPELINE_EXPORT_FIXED_DECIMAL_H_

#include <string>

namespace rapport::pipeline {

// Appends `value` with `decimals` (>= 0) digits after the point; returns
// false and appends nothing if it is NaN or infinite (or needs more than
// 400 bytes: decimals in the hundreds).
bool AppendFixed(std::string* out, double value, int decimals);

}  // namespace rapport::pipeline

#endif  // RAPPORT_PIPELINE_EXPORT_FIXED_DECIMAL_H_
