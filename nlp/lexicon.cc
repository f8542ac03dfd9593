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
    {"barista", "job"}, {"baseball", "sport"}, {"basketball", "sport"}, {"beagle", "pet"}, {"beer", "drink"},
    {"bird", "pet"}, {"boyfriend", "partner"}, {"brother", "family"}, {"budgie", "pet"}, {"bulldog", "pet"},
    {"bunny", "pet"}, {"carpenter", "job"}, {"cashier", "job"}, {"cat", "pet"}, {"chef", "job"},
    {"chicken", "pet"}, {"chihuahua", "pet"}, {"child", "family"}, {"children", "family"},
    {"cockatiel", "pet"}, {"coffee", "drink"}, {"collie", "pet"}, {"cook", "job"}, {"corgi", "pet"},
    {"cousin", "family"}, {"cricket", "sport"}, {"cycling", "sport"}, {"dachshund", "pet"}, {"dad", "family"},
    {"daughter", "family"}, {"dentist", "job"}, {"designer", "job"}, {"developer", "job"},
    {"doberman", "pet"}, {"doctor", "job"}, {"dog", "pet"}, {"driver", "job"}, {"electrician", "job"},
    {"engineer", "job"}, {"farmer", "job"}, {"father", "family"}, {"ferret", "pet"}, {"fiance", "partner"},
    {"fiancee", "partner"}, {"firefighter", "job"}, {"fish", "pet"}, {"football", "sport"}, {"gecko", "pet"},
    {"gerbil", "pet"}, {"girlfriend", "partner"}, {"goat", "pet"}, {"goldfish", "pet"}, {"golf", "sport"},
    {"grandchildren", "family"}, {"granddaughter", "family"}, {"grandfather", "family"},
    {"grandkid", "family"}, {"grandkids", "family"}, {"grandma", "family"}, {"grandmother", "family"},
    {"grandpa", "family"}, {"grandson", "family"}, {"greyhound", "pet"}, {"hamster", "pet"},
    {"hiking", "hobby"}, {"hockey", "sport"}, {"horse", "pet"}, {"husband", "partner"}, {"husky", "pet"},
    {"iguana", "pet"}, {"kid", "family"}, {"kitten", "pet"}, {"lab", "pet"}, {"labrador", "pet"},
    {"lawyer", "job"}, {"lizard", "pet"}, {"mechanic", "job"}, {"mom", "family"}, {"mother", "family"},
    {"mum", "family"}, {"musician", "job"}, {"nephew", "family"}, {"niece", "family"}, {"nurse", "job"},
    {"painter", "job"}, {"parakeet", "pet"}, {"parrot", "pet"}, {"partner", "partner"}, {"pharmacist", "job"},
    {"photographer", "job"}, {"pilot", "job"}, {"plumber", "job"}, {"police", "job"}, {"pony", "pet"},
    {"poodle", "pet"}, {"professor", "job"}, {"programmer", "job"}, {"pug", "pet"}, {"puppy", "pet"},
    {"rabbit", "pet"}, {"retriever", "pet"}, {"rottweiler", "pet"}, {"rugby", "sport"}, {"running", "sport"},
    {"salesman", "job"}, {"schnauzer", "pet"}, {"scientist", "job"}, {"sister", "family"},
    {"skiing", "sport"}, {"snake", "pet"}, {"soccer", "sport"}, {"son", "family"}, {"spaniel", "pet"},
    {"spouse", "partner"}, {"stepdaughter", "family"}, {"stepson", "family"}, {"student", "job"},
    {"surfing", "sport"}, {"swimming", "sport"}, {"tabby", "pet"}, {"tea", "drink"}, {"teacher", "job"},
    {"tennis", "sport"}, {"terrier", "pet"}, {"tortoise", "pet"}, {"turtle", "pet"}, {"twins", "family"},
    {"uncle", "family"}, {"vegan", "diet"}, {"vegetarian", "diet"}, {"vet", "job"}, {"veterinarian", "job"},
    {"volleyball", "sport"}, {"waiter", "job"}, {"waitress", "job"}, {"wife", "partner"}, {"wine", "drink"},
    {"writer", "job"}, {"yoga", "sport"},
};

// Sorted. Words that describe nothing on their own in chat.
constexpr std::string_view kLight[] = {
    "able", "about", "absolutely", "actually", "advice", "afternoon", "ago", "ahead", "almost", "alone",
    "already", "amazing", "anniversary", "answer", "anymore", "anyone", "anything", "anytime", "anyway",
    "anyways", "appreciate", "area", "aw", "away", "awesome", "aww", "awww", "back", "bad", "bday", "believe",
    "best", "bet", "better", "birthday", "bit", "bring", "bucks", "bunch", "busy", "came", "can't", "care",
    "careful", "case", "certainly", "chance", "cheers", "come", "comes", "coming", "completely", "congrats",
    "congratulations", "cool", "couple", "crazy", "cute", "day", "days", "deal", "decade", "decades",
    "decide", "decided", "definitely", "different", "does", "doing", "dollars", "done", "easy", "eight",
    "eleven", "else", "end", "enjoy", "enjoyed", "enjoying", "enjoys", "enough", "especially", "even",
    "evening", "evenings", "ever", "every", "everybody", "everyday", "everyone", "everything", "exactly",
    "example", "excited", "fact", "fantastic", "far", "favorite", "favourite", "feel", "feeling", "felt",
    "few", "fifth", "fifty", "finally", "find", "fine", "first", "five", "forty", "found", "four", "fourth",
    "friday", "fun", "gave", "get", "gets", "getting", "give", "given", "glad", "goes", "going", "gone",
    "gonna", "good", "gosh", "got", "gotten", "great", "guess", "guessing", "guy", "guys", "ha", "hah",
    "haha", "hahah", "hahaha", "hand", "handle", "hands", "happen", "happened", "happening", "happy", "hard",
    "hate", "hear", "heard", "heh", "hehe", "help", "helping", "helps", "hm", "hmm", "honestly", "hope",
    "hopefully", "hour", "hours", "huge", "hundred", "hundreds", "idea", "ideas", "imagine", "important",
    "instead", "interested", "interesting", "just", "keep", "kept", "key", "kg", "kilo", "kilos", "kind",
    "kinds", "km", "know", "last", "later", "lbs", "least", "leave", "let", "lets", "life", "like", "liked",
    "likes", "literally", "little", "lmao", "lmfao", "lol", "long", "look", "looked", "looking", "looks",
    "lot", "lots", "love", "loved", "lovely", "loves", "loving", "luck", "lucky", "mad", "main", "make",
    "man", "matter", "maybe", "mean", "meant", "meantime", "mhm", "mile", "miles", "million", "mind", "mine",
    "minute", "minutes", "moment", "moments", "monday", "mondays", "month", "months", "morning", "mornings",
    "mostly", "move", "much", "must", "nah", "need", "news", "next", "nice", "night", "nights", "nine",
    "nothing", "number", "often", "oh", "okay", "one", "ones", "ooh", "others", "part", "parts", "people",
    "percent", "perfect", "person", "plan", "planning", "plans", "point", "possible", "pounds", "pretty",
    "probably", "problem", "problems", "put", "question", "questions", "quite", "rather", "ready", "real",
    "really", "reason", "recently", "remember", "right", "rofl", "said", "saturday", "say", "second", "see",
    "seem", "seemed", "seems", "seen", "self", "sense", "set", "seven", "several", "share", "should", "show",
    "side", "since", "six", "small", "somebody", "someday", "someone", "something", "sometimes", "soon",
    "sorry", "sort", "sound", "sounds", "special", "spend", "spent", "stay", "still", "stuff", "sunday",
    "sure", "take", "taken", "taking", "talk", "talked", "talking", "tell", "ten", "terrible", "thank",
    "thanks", "thats", "there's", "thing", "things", "think", "thinking", "third", "thirty", "though",
    "thought", "thousand", "thousands", "three", "thursday", "time", "times", "today", "together", "told",
    "tomorrow", "tonight", "took", "totally", "tough", "tried", "true", "try", "trying", "tuesday", "twelve",
    "twenty", "two", "type", "types", "understand", "understood", "usually", "wait", "want", "wanted",
    "way", "wednesday", "week", "weekend", "weekends", "welcome", "well", "whatever", "while",
    "whole", "wish", "wonder", "wonderful", "wondering", "word", "words", "worried", "worry", "worse",
    "worth", "wow", "xd", "yay", "yea", "yeah", "year", "years", "yep", "yes", "yesterday", "yet", "young",
    "yup",
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

// Sorted. Common adjectives: a modifier inside a phrase ("raw diet"), never a
// candidate on its own ("fresh").
constexpr std::string_view kAdjectives[] = {
    "afraid", "alive", "angry", "awful", "basic", "beautiful", "big", "bigger", "biggest", "boring", "brave",
    "bright", "broken", "calm", "cheap", "clean", "clear", "close", "cold", "common", "complete", "crowded", "dark",
    "dead", "deep", "delicious", "difficult", "dirty", "early", "empty", "entire", "expensive", "extra", "fair",
    "familiar", "famous", "fancy", "fast", "fat", "fit", "free", "fresh", "friendly", "full", "general", "gentle",
    "giant", "healthy", "heavy", "high", "honest", "hot", "huge", "hungry", "ill", "large", "late", "lazy", "light",
    "local", "lonely", "loud", "low", "major", "modern", "natural", "nearby", "neat", "normal", "old", "older",
    "oldest", "open", "ordinary", "original", "particular", "past", "perfect", "personal", "plain", "poor",
    "popular", "positive", "private", "proud", "public", "quick", "quiet", "rare", "raw", "regular", "rich", "rough",
    "sad", "safe", "scary", "serious", "sharp", "short", "sick", "silly", "similar", "simple", "single", "slow",
    "smart", "soft", "specific", "strange", "strict", "strong", "stupid", "sweet", "tall", "tight", "tiny", "tired",
    "typical", "ugly", "unique", "upset", "useful", "various", "warm", "weird", "wet", "wide", "wild", "wise",
    "wrong", "younger", "youngest",
};

}  // namespace

bool IsAdjective(std::string_view w) {
  if (std::binary_search(std::begin(kAdjectives), std::end(kAdjectives), w)) return true;
  // Suffixes that make adjectives in English (hopeful, famous, creative, comfortable).
  for (std::string_view suffix : {"ful", "ous", "ive", "able", "ible", "less"})
    if (w.size() > suffix.size() + 2 && w.ends_with(suffix)) return true;
  return false;
}

std::string_view LexiconCategory(std::string_view w) {
  static const bool sorted = IsSorted(std::begin(kLexicon), std::end(kLexicon), [](const Entry& e) { return e.word; }) &&
                             IsSorted(std::begin(kLight), std::end(kLight), [](std::string_view s) { return s; }) &&
                             IsSorted(std::begin(kAdjectives), std::end(kAdjectives), [](std::string_view s) { return s; });
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
