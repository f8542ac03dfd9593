// Extractor: turns one post's text into candidate artifact occurrences.
//
// Two kinds of output, both keyed so that variants merge:
//   - typed facts from patterns over tokens: "my dog Rover" -> pet "dog: Rover";
//     "I don't eat meat" -> diet "no meat" (negative); "happy birthday @sam"
//     -> birthday of the mentioned person, dated by the post;
//   - topic phrases (1-3 content words) from the author's own declarative
//     clauses, hashtags split on CamelCase ("#MarathonTraining" and
//     "marathon training" share the key "marathon train").
// Questions ("do you have a dog?"), hypotheticals ("if I had a dog") and
// clauses about the listener ("your dog") yield no self facts.
//
// Not thread-safe: one Extractor per thread (it owns a stemmer and buffers).
// See docs/EXTRACTION.md for the method.
#ifndef RAPPORT_NLP_EXTRACTOR_H_
#define RAPPORT_NLP_EXTRACTOR_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace rapport::nlp {

struct Occurrence {
  std::string category;    // "pet", "family", "job", "hobby", "topic", "birthday", ...
  std::string key;         // merge key: category-specific normalised form, e.g. "dog rover"
  std::string value;       // what an analyst reads: "dog: Rover"
  bool negative = false;   // polarity: "I don't eat meat"
  int mention_index = -1;  // -1: about the author; else about PostInput::mentions[i]
  float weight = 1.0f;     // evidence strength: typed pattern > plain phrase
  bool conversational = false;  // said in a conversation but no fact about anyone: a question,
                                // the listener's side, a hypothetical. Topics of a common
                                // thread, never a person's candidate.
  std::string alias;       // a name this fact answers to ("rover" for "dog: Rover"): bare
                           // mentions of the name ("name" category, key == alias) merge into it
};

struct PostInput {
  std::string_view text;
  std::string_view lang;                  // platform language tag, may be empty
  int64_t created_at = 0;                 // Unix seconds UTC (dates birthdays)
  std::vector<std::string_view> mentions; // usernames, in the order of Post::mentions
};

enum class ExtractStatus { kOk, kNonEnglish, kEmpty };

class Extractor {
 public:
  Extractor();
  ~Extractor();
  Extractor(const Extractor&) = delete;
  Extractor& operator=(const Extractor&) = delete;

  // Clears *out and fills it with the post's occurrences (in text order).
  ExtractStatus Extract(const PostInput& post, std::vector<Occurrence>* out);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace rapport::nlp

#endif  // RAPPORT_NLP_EXTRACTOR_H_
