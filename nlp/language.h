// A light English/not-English guess for posts whose platform gives no usable
// language tag. Thread-safe.
#ifndef RAPPORT_NLP_LANGUAGE_H_
#define RAPPORT_NLP_LANGUAGE_H_

#include <string_view>

#include "nlp/tokenizer.h"

namespace rapport::nlp {

// Decides from the platform tag first: "en" / "en-*" -> true; another real
// language ("ja", "fr", ...) -> false; "", "und", "qme", "zxx" and other
// non-language tags -> guess from the text: English when most word tokens are
// Latin-script and enough of them are English stopwords; posts with fewer than
// 3 word tokens count as English when they are all ASCII.
bool IsEnglish(std::string_view platform_lang, const TokenizedText& text);

}  // namespace rapport::nlp

#endif  // RAPPORT_NLP_LANGUAGE_H_
