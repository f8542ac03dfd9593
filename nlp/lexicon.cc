#include "nlp/lexicon.h"

#include <algorithm>
#include <array>
#include <string_view>

namespace rapport::nlp {
namespace {

struct Entry {
  std::string_view word;
  std::string_view category;
};

// Sorted by word (checked at first use).
constexpr Entry kLexicon[] = {
    {"accountant", "job"}, {"actor", "job"}, {"actress", "job"}, {"architect", "job"}, {"artist", "job"},
    {"aunt", "family"}, {"author", "job"}, {"baby", "family"}, {"badminton", "sport"}, {"baker", "job"},
    {"barista", "job"}, {"baseball", "sport"}, {"basketball", "sport"}, {"beer", "drink"},
    {"bird", "pet"}, {"boyfriend", "partner"}, {"brother", "family"}, {"bunny", "pet"}, {"carpenter", "job"},
    {"cashier", "job"}, {"cat", "pet"}, {"chef", "job"}, {"child", "family"}, {"children", "family"},
    {"coffee", "drink"}, {"cook", "job"}, {"cousin", "family"}, {"cricket", "sport"}, {"cycling", "sport"},
    {"dad", "family"}, {"daughter", "family"}, {"dentist", "job"}, {"designer", "job"}, {"developer", "job"},
    {"doctor", "job"}, {"dog", "pet"}, {"driver", "job"}, {"electrician", "job"}, {"engineer", "job"},
    {"farmer", "job"}, {"father", "family"}, {"fiance", "partner"}, {"fiancee", "partner"},
    {"firefighter", "job"}, {"fish", "pet"}, {"football", "sport"}, {"girlfriend", "partner"},
    {"golf", "sport"}, {"grandchildren", "family"}, {"granddaughter", "family"}, {"grandfather", "family"},
    {"grandma", "family"}, {"grandmother", "family"}, {"grandpa", "family"}, {"grandson", "family"},
    {"hamster", "pet"}, {"hiking", "hobby"}, {"hockey", "sport"}, {"horse", "pet"}, {"husband", "partner"},
    {"kid", "family"}, {"kitten", "pet"}, {"lawyer", "job"}, {"lizard", "pet"}, {"mechanic", "job"},
    {"mom", "family"}, {"mother", "family"}, {"mum", "family"}, {"musician", "job"}, {"nephew", "family"},
    {"niece", "family"}, {"nurse", "job"}, {"painter", "job"}, {"parrot", "pet"}, {"partner", "partner"},
    {"pharmacist", "job"}, {"photographer", "job"}, {"pilot", "job"}, {"plumber", "job"},
    {"police", "job"}, {"professor", "job"}, {"programmer", "job"}, {"puppy", "pet"}, {"rabbit", "pet"},
    {"rugby", "sport"}, {"running", "sport"}, {"salesman", "job"}, {"scientist", "job"},
    {"sister", "family"}, {"skiing", "sport"}, {"snake", "pet"}, {"soccer", "sport"}, {"son", "family"},
    {"spouse", "partner"}, {"student", "job"}, {"surfing", "sport"}, {"swimming", "sport"}, {"tea", "drink"},
    {"teacher", "job"}, {"tennis", "sport"}, {"turtle", "pet"}, {"uncle", "family"}, {"vegan", "diet"},
    {"vegetarian", "diet"}, {"vet", "job"}, {"veterinarian", "job"}, {"volleyball", "sport"},
    {"waiter", "job"}, {"waitress", "job"}, {"wife", "partner"}, {"wine", "drink"}, {"writer", "job"},
    {"yoga", "sport"},
};

// Sorted. Words that describe nothing on their own in chat.
constexpr std::string_view kLight[] = {
    "actually", "amazing", "anyway", "anyways", "awesome", "bad", "best", "better", "bit", "cool", "day", "days",
    "definitely", "enjoy", "enjoyed", "enjoying", "enjoys", "everyday", "fantastic", "favorite", "favourite", "feel",
    "fine", "fun", "glad", "good", "got", "great", "guess", "guy", "guys", "happy", "hard", "hear", "heard", "hope",
    "idea", "interesting", "kind", "know", "least", "like", "liked", "likes", "little", "lol", "lot", "lots", "love",
    "loved", "loves", "lovely", "loving", "luck", "make", "maybe", "mean", "much", "need", "nice", "oh", "okay", "one",
    "people", "person", "pretty", "probably", "quite", "really", "right", "said", "say", "see", "seems", "share",
    "someone", "something", "soon", "sorry", "sound", "sounds", "stuff", "sure", "talk", "talking", "tell", "thank",
    "thanks", "thing", "things", "think", "time", "times", "today", "tomorrow", "tonight", "true", "try", "trying",
    "want", "wanted", "way", "week", "weekend", "well", "wish", "wonderful", "wow", "yeah", "year", "years", "yes",
    "yesterday",
};

template <typename It>
bool IsSorted(It b, It e, auto key) {
  return std::is_sorted(b, e, [&](const auto& x, const auto& y) { return key(x) < key(y); });
}

std::string_view Find(std::string_view w) {
  auto it = std::lower_bound(std::begin(kLexicon), std::end(kLexicon), w,
                             [](const Entry& e, std::string_view x) { return e.word < x; });
  if (it != std::end(kLexicon) && it->word == w) return it->category;
  return {};
}

}  // namespace

std::string_view LexiconCategory(std::string_view w) {
  static const bool sorted = IsSorted(std::begin(kLexicon), std::end(kLexicon), [](const Entry& e) { return e.word; }) &&
                             IsSorted(std::begin(kLight), std::end(kLight), [](std::string_view s) { return s; });
  if (!sorted) return {};  // a programming error; the lexicon test catches it
  if (auto c = Find(w); !c.empty()) return c;
  if (w.size() > 3 && w.ends_with("ies")) {
    // puppies -> puppy
    char buf[64];
    if (w.size() < sizeof buf) {
      std::copy(w.begin(), w.end() - 3, buf);
      buf[w.size() - 3] = 'y';
      return Find(std::string_view(buf, w.size() - 2));
    }
  }
  if (w.size() > 3 && w.ends_with("es")) {
    if (auto c = Find(w.substr(0, w.size() - 2)); !c.empty()) return c;
  }
  if (w.size() > 2 && w.ends_with('s')) return Find(w.substr(0, w.size() - 1));
  return {};
}

bool IsLightWord(std::string_view w) { return std::binary_search(std::begin(kLight), std::end(kLight), w); }

}  // namespace rapport::nlp
