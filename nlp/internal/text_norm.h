// Normalised forms of tokens, appended to TokenizedText::norm.
//
// Pure functions; thread-safe (scratch space is per thread).
#ifndef RAPPORT_NLP_INTERNAL_TEXT_NORM_H_
#define RAPPORT_NLP_INTERNAL_TEXT_NORM_H_

#include <string>
#include <string_view>

namespace rapport::nlp::internal {

// Appends the norm of a word: NFKC casefold, U+2019 (’) replaced by ASCII
// apostrophe, then runs of 3+ identical ASCII letters squashed to 2.
// "Soooo" -> "soo", "Don’t" -> "don't", "Ｃａｆé" -> "café".
void AppendWordNorm(std::string_view surface, std::string* out);

}  // namespace rapport::nlp::internal

#endif  // RAPPORT_NLP_INTERNAL_TEXT_NORM_H_
