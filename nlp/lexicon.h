// Lexicons for typing candidate artifacts: family, pets, jobs, sports,
// food/diet, drinks, places... Written for Rapport (see data/lexicons/README.md
// for the sources consulted). Thread-safe (immutable data).
#ifndef RAPPORT_NLP_LEXICON_H_
#define RAPPORT_NLP_LEXICON_H_

#include <string_view>

namespace rapport::nlp {

// The category of a normalised (lower-case) word, singular or plural
// ("dogs" -> "pet"), or "" when the word is in no lexicon.
std::string_view LexiconCategory(std::string_view word);

// Words that carry no artifact on their own even though they are not
// stopwords: light verbs, vague nouns and evaluative adjectives
// ("like", "thing", "great", "time", "pretty").
bool IsLightWord(std::string_view word);

// Common adjectives and words with adjective suffixes (-ful, -ous, -ive,
// -able, -ible, -less): they modify a candidate but are none on their own.
bool IsAdjective(std::string_view word);

}  // namespace rapport::nlp

#endif  // RAPPORT_NLP_LEXICON_H_
