#include "nlp/stemmer.h"

#include <libstemmer.h>

#include <cstring>
#include <limits>

#include "base/fnv.h"

namespace rapport::nlp {

Stemmer::Stemmer() : stemmer_(sb_stemmer_new("english", "UTF_8")), cache_(new Slot[kCacheSlots]) {}

Stemmer::~Stemmer() {
  if (stemmer_ != nullptr) sb_stemmer_delete(stemmer_);
}

std::string_view Stemmer::Stem(std::string_view word) {
  if (word.empty() || word.size() > kCachedBytes) return StemUncached(word);
  Slot& slot = cache_[Fnv1a32(word) & (kCacheSlots - 1)];
  if (slot.word_size == word.size() && std::memcmp(slot.word, word.data(), word.size()) == 0)
    return std::string_view(slot.stem, slot.stem_size);
  const std::string_view stem = StemUncached(word);
  if (stem.size() > kCachedBytes) return stem;  // not expected (a stem is no longer than its word)
  slot.word_size = static_cast<uint8_t>(word.size());
  std::memcpy(slot.word, word.data(), word.size());
  slot.stem_size = static_cast<uint8_t>(stem.size());
  std::memcpy(slot.stem, stem.data(), stem.size());
  return std::string_view(slot.stem, slot.stem_size);
}

std::string_view Stemmer::StemUncached(std::string_view word) {
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
