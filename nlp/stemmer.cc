#include "nlp/stemmer.h"

#include <libstemmer.h>

#include <limits>

namespace rapport::nlp {

Stemmer::Stemmer() : stemmer_(sb_stemmer_new("english", "UTF_8")) {}

Stemmer::~Stemmer() {
  if (stemmer_ != nullptr) sb_stemmer_delete(stemmer_);
}

std::string_view Stemmer::Stem(std::string_view word) {
  // Without a stemmer (allocation failure) or for absurd lengths, the word is
  // its own stem: callers still get a usable, if unstemmed, key.
  if (stemmer_ == nullptr || word.empty() || word.size() > static_cast<size_t>(std::numeric_limits<int>::max())) {
    return word;
  }
  const sb_symbol* stem = sb_stemmer_stem(stemmer_, reinterpret_cast<const sb_symbol*>(word.data()),
                                          static_cast<int>(word.size()));
  if (stem == nullptr) return word;
  return std::string_view(reinterpret_cast<const char*>(stem), static_cast<size_t>(sb_stemmer_length(stemmer_)));
}

}  // namespace rapport::nlp
