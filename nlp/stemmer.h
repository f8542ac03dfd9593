// English stemmer (Snowball Porter2 via libstemmer): "running" -> "run".
//
// Not thread-safe: keep one Stemmer per thread (the pipeline keeps one per
// worker, like its simdjson parser).
#ifndef RAPPORT_NLP_STEMMER_H_
#define RAPPORT_NLP_STEMMER_H_

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
  sb_stemmer* stemmer_;
};

}  // namespace rapport::nlp

#endif  // RAPPORT_NLP_STEMMER_H_
