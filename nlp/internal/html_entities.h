// HTML character reference tables used by DecodeHtmlEntities().
//
// Pure functions over immutable data; thread-safe.
#ifndef RAPPORT_NLP_INTERNAL_HTML_ENTITIES_H_
#define RAPPORT_NLP_INTERNAL_HTML_ENTITIES_H_

#include <cstdint>
#include <string_view>

namespace rapport::nlp::internal {

// Returns the code point of the named reference `name` (without '&' and ';',
// case-sensitive: "eacute" and "Eacute" differ), or 0 if it is not known.
char32_t LookupNamedHtmlEntity(std::string_view name);

// Returns the code point a numeric reference &#value; stands for, applying the
// HTML5 Windows-1252 remapping of 0x80..0x9F, or 0 if the value is not a
// Unicode scalar value (0, surrogates, > U+10FFFF, unmapped C1 values).
char32_t MapNumericHtmlEntity(uint64_t value);

}  // namespace rapport::nlp::internal

#endif  // RAPPORT_NLP_INTERNAL_HTML_ENTITIES_H_
