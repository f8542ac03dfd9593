// JSON string encoding shared by every JSON/JSONL writer. Thread-safe.
#ifndef RAPPORT_PIPELINE_EXPORT_JSON_TEXT_H_
#define RAPPORT_PIPELINE_EXPORT_JSON_TEXT_H_

#include <string>
#include <string_view>

namespace rapport::pipeline {

// Appends `s` as a quoted JSON string to *out. Escapes ", \, control
// characters (\n \r \t \b \f, others as \u00XX), and U+2028/U+2029. Invalid
// UTF-8 bytes become U+FFFD, so the output is always valid JSON and UTF-8.
void AppendJsonString(std::string* out, std::string_view s);

// True if `s` is well-formed UTF-8: no overlong forms, no encoded surrogates
// (ED A0..ED BF), nothing above U+10FFFF, no truncated sequences.
bool IsValidUtf8(std::string_view s);

// Appends `s` to *out with each maximal ill-formed subsequence replaced by
// U+FFFD (the Unicode "maximal subpart" practice, as WHATWG decoders do).
void AppendValidUtf8(std::string* out, std::string_view s);

}  // namespace rapport::pipeline

#endif  // RAPPORT_PIPELINE_EXPORT_JSON_TEXT_H_
