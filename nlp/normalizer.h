// Text normalisation for matching: HTML entities, Unicode NFKC + case folding.
//
// Pure functions; thread-safe. Backed by utf8proc (see docs/DEPENDENCIES.md).
#ifndef RAPPORT_NLP_NORMALIZER_H_
#define RAPPORT_NLP_NORMALIZER_H_

#include <string>
#include <string_view>

namespace rapport::nlp {

// Decodes HTML character references: the named ones posts carry (&amp; &lt;
// &gt; &quot; &apos; &#39; &nbsp; and a few dozen common ones) and numeric
// ones (&#233; &#x1F600;). Unknown or malformed references are kept as is.
// Appends to *out (which is not cleared).
void DecodeHtmlEntities(std::string_view in, std::string* out);

// Appends NFKC_Casefold(in) to *out: "Ｆｕｌｌ" -> "full", "Straße" -> "strasse",
// "ﬁ" -> "fi". Invalid UTF-8 bytes become U+FFFD. ASCII input takes a fast path
// (tolower only, no allocation beyond *out's growth).
void NormalizeCasefold(std::string_view in, std::string* out);

// Squashes runs of 3+ identical letters to 2: "sooooo" -> "soo", "yesss" -> "yess".
// ASCII letters only; appends to *out.
void SquashElongations(std::string_view in, std::string* out);

// True if `s` is valid UTF-8.
bool IsValidUtf8(std::string_view s);

}  // namespace rapport::nlp

#endif  // RAPPORT_NLP_NORMALIZER_H_
