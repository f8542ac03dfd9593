// English stopwords (function words and chat fillers), for normalised words.
// Thread-safe (immutable data).
#ifndef RAPPORT_NLP_STOPWORDS_H_
#define RAPPORT_NLP_STOPWORDS_H_

#include <string_view>

namespace rapport::nlp {

// True for function words ("the", "and", "i'm", "don't") and chat fillers
// ("lol", "haha", "yeah", "ok", "omg"). `word` is lower-case (a Norm()).
bool IsStopword(std::string_view word);

}  // namespace rapport::nlp

#endif  // RAPPORT_NLP_STOPWORDS_H_
