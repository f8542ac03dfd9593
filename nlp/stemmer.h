// English stemmer (Snowball Porter2 via libstemmer): "running" -> "run".
//
// Not thread-safe: keep one Stemmer per thread (the pipeline keeps one per
// worker, like its simdjson parser). Short words' stems are cached: posts
// repeat a small vocabulary, and a cache hit costs a hash and a compare
// instead of a Snowball run.
#ifndef RAPPORT_NLP_STEMMER_H_
#define RAPPORT_NLP_STEMMER_H_

#include <cstdint>
#include <memory>
#include <string_view>

struct sb_stemmer;

namespace rapport::nlp {

class Stemmer {
 public:
  Stemmer();
  ~Stemmer();
  Stemmer(const Stemmer&) = delete;
  Stemmer& operator=(const Stemmer&) = delete;
  // Returns the stem of a lower-case word. The view is valid until the next call.
  std::string_view Stem(std::string_view word);

 private:
  // A direct-mapped cache of words up to kCachedBytes bytes and their stems
  // (a stem is never longer than its word).
  static constexpr size_t kCachedBytes = 22;
  static constexpr size_t kCacheSlots = 4096;  // ~200 KB per stemmer
  struct Slot {
    uint8_t word_size = 0, stem_size = 0;  // word_size 0: empty
    char word[kCachedBytes], stem[kCachedBytes];
  };

  std::string_view StemUncached(std::string_view word);

  sb_stemmer* stemmer_;
  std::unique_ptr<Slot[]> cache_;
};

}  // namespace rapport::nlp

#endif  // RAPPORT_NLP_STEMMER_H_
