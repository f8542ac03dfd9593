// SensitiveMemo: ClassifySensitive of a candidate's key, then (if the key is
// not sensitive) of its value, remembered for the pairs seen last. A thread's
// posts repeat their keys, so most occurrences are classified by one hash and
// two compares instead of a scan of both texts. Gives exactly what the two
// ClassifySensitive calls give: a slot answers only for the same key and value.
//
// Not thread-safe: one per thread.
#ifndef RAPPORT_NLP_SENSITIVE_MEMO_H_
#define RAPPORT_NLP_SENSITIVE_MEMO_H_

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "nlp/sensitive.h"

namespace rapport::nlp {

class SensitiveMemo {
 public:
  // `slots`: how many (key, value) pairs it remembers at most (direct-mapped
  // by the key's hash and the value's size; rounded up to a power of two).
  explicit SensitiveMemo(size_t slots = 2048);

  SensitiveKind Classify(std::string_view key, std::string_view value);

 private:
  struct Slot {
    std::string key;
    std::string value;
    SensitiveKind kind = SensitiveKind::kNone;
    bool used = false;
  };
  std::vector<Slot> slots_;
  size_t mask_;
};

}  // namespace rapport::nlp

#endif  // RAPPORT_NLP_SENSITIVE_MEMO_H_
