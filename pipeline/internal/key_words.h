// ForEachKeyWord: the words of a normalised key ("horror movies"), split on
// spaces, empty ones skipped. The aggregator counts and compares a key's
// words (specificity, variety of the top K); the thread tracker drops a
// pair's topic whose words a longer topic holds.
//
// Example: ForEachKeyWord("velvet  jacket", f) calls f("velvet"), f("jacket").
#ifndef RAPPORT_PIPELINE_INTERNAL_KEY_WORDS_H_
#define RAPPORT_PIPELINE_INTERNAL_KEY_WORDS_H_

#include <cstddef>
#include <string_view>

namespace rapport::pipeline::internal {

template <typename F>
void ForEachKeyWord(std::string_view key, F&& f) {
  size_t b = 0;
  while (b < key.size()) {
    size_t e = key.find(' ', b);
    if (e == std::string_view::npos) e = key.size();
    if (e > b) f(key.substr(b, e - b));
    b = e + 1;
  }
}

}  // namespace rapport::pipeline::internal

#endif  // RAPPORT_PIPELINE_INTERNAL_KEY_WORDS_H_
