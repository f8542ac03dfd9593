#include "nlp/extractor.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <string>

#include "base/string_table.h"
#include "nlp/internal/day_month.h"
#include "nlp/language.h"
#include "nlp/lexicon.h"
#include "nlp/stemmer.h"
#include "nlp/stopwords.h"
#include "nlp/tokenizer.h"

namespace rapport::nlp {
namespace {

constexpr std::string_view kFirstPerson[] = {"i", "i'd", "i'll", "i'm", "i've", "id", "im", "ive", "me", "mine",
                                             "my", "myself", "our", "ours", "us", "we", "we'll", "we're", "we've"};
constexpr std::string_view kSecondPerson[] = {"u", "ur", "you", "you'd", "you'll", "you're", "you've", "youre",
                                              "your", "yours", "yourself"};
constexpr std::string_view kQuestionStart[] = {"am",    "any",   "are",  "can",   "could", "did",  "do",
                                               "does",  "have",  "has",  "how",   "is",    "was",  "were",
                                               "what",  "when",  "where", "which", "who",   "whom", "why",
                                               "will",  "would", "should", "shall", "whats", "what's", "hows"};
constexpr std::string_view kNegation[] = {"ain't", "aren't", "can't", "cannot", "couldn't", "didn't", "doesn't",
                                          "don't",  "dont",   "hadn't", "hasn't", "haven't", "isn't", "never",
                                          "no",     "nope",   "not",    "wasn't", "won't",   "wouldn't"};
constexpr std::string_view kThirdPerson[] = {"he", "her", "hers", "herself", "him", "himself", "his", "she",
                                             "their", "theirs", "them", "themselves", "they", "he's", "she's",
                                             "they're", "they've", "they'll", "he'll", "she'll", "theyre"};
// Modal verbs: what follows is possible, not the case ("I could eat pizza every day").
// "would like/love" states a preference and is not counted.
constexpr std::string_view kModal[] = {"would", "could", "might", "should", "will", "i'll", "we'll", "gonna"};
// Verbs of supposing and wishing: what follows is a guess or a wish, not a fact
// ("I imagine studying is tough", "I wish I had a horse").
constexpr std::string_view kSupposing[] = {"imagine", "bet",  "guess", "suppose", "assume",
                                           "wonder",  "wish", "hope",  "hoping",  "wishing"};
// Verbs after which "to" leads a place or a thing, not a verb ("go to church", "listen to jazz").
constexpr std::string_view kMotionVerbs[] = {"go",     "goes",   "went",   "gone",   "come",   "comes",   "came",
                                             "back",   "move",   "moved",  "moving", "drive",  "drove",   "walk",
                                             "walked", "fly",    "flew",   "travel", "traveled", "travelled", "listen",
                                             "listened", "listening", "been", "belong", "belongs", "addicted"};
constexpr std::string_view kWhWords[] = {"what", "whats", "what's", "when", "where", "which",
                                         "who",  "whom",  "why",    "how",  "hows"};
// "m" is "am" typed without its apostrophe ("I m 19"); it is a copula only after "i".
constexpr std::string_view kCopulas[] = {"am", "i'm", "im", "is", "are", "was", "were", "we're", "m"};
constexpr std::string_view kHypothetical[] = {"if", "unless", "wish", "would", "could", "might", "maybe", "hope"};
constexpr std::string_view kDiscourse[] = {"and", "but", "haha", "hah", "hey", "hi", "hmm", "lol", "oh", "ok",
                                           "okay", "so", "well", "wow", "yeah", "yes", "no", "hello", "ah", "also"};

constexpr std::string_view kSubjectPronoun[] = {"i", "we", "you", "they", "he", "she", "u", "who", "it"};
constexpr std::string_view kAuxiliary[] = {"am", "are", "can", "could", "did", "do", "does", "had", "has", "have",
                                           "is", "may", "might", "must", "shall", "should", "was", "were", "will",
                                           "would", "i'll", "i'd", "we'll", "we'd", "i've", "we've", "gonna",
                                           "wanna", "gotta", "cannot", "i'm", "we're", "im", "ive"};
// Verbs that are facts in themselves: activities, jobs, habits.
constexpr std::string_view kActivityVerbs[] = {
    "bake", "bike", "camp", "cook", "craft", "dance", "draw", "drive", "farm", "fish", "garden", "golf", "hike",
    "hunt", "knit", "live", "paint", "play", "ride", "run", "sail", "sew", "sing", "skate", "ski", "study", "surf",
    "swim", "teach", "travel", "volunteer", "work", "write", "read", "own", "eat", "drink", "smoke", "collect", "watch", "listen",
    "garden", "coach", "design", "program", "code", "race", "climb", "box", "shoot", "hike", "jog", "bowl", "grow",
    "learn", "visit", "build", "train", "fly", "dive", "kayak", "blog", "tutor", "babysit", "sculpt", "foster",
    "walk", "speak", "exercise", "shop", "cycle", "meditate", "donate", "crochet", "quilt", "rescue", "mentor",
    "homeschool"};
// Verbs after which a first-person speaker discloses something about themself.
constexpr std::string_view kFactVerbs[] = {
    "am",   "have", "has",    "had",   "own",     "owns",   "like",     "love",    "enjoy",  "prefer", "adore",
    "play", "work", "live",   "watch", "read",    "eat",    "drink",    "study",   "teach",  "collect", "raise",
    "grew", "was",  "born",   "moved", "married", "got",    "adopted",  "volunteer", "go",   "went",   "listen",
    "hate", "into", "favorite", "favourite", "ride", "drive", "cook", "bake", "run", "hike", "swim", "do"};

// Forms of "have" after which a noun is what the speaker has ("I have allergies").
constexpr std::string_view kHaveForms[] = {"have", "has", "had", "i've", "ive", "we've"};
// Past participles that do not end in -ed/-en ("I have *thought* about it").
constexpr std::string_view kIrregularParticiples[] = {
    "been", "got", "done", "gone", "had", "made", "heard", "thought", "found", "met", "read", "spent",
    "taught", "bought", "brought", "caught", "built", "sold", "kept", "lost", "left", "felt", "told", "said",
    "won", "run", "sung", "swum", "begun", "drunk", "flown", "grown", "thrown", "shown", "drawn", "worn",
    "torn", "put", "set", "cut", "hit", "let", "hurt", "quit", "shut", "become", "come", "sat", "stood",
    "understood", "slept", "meant", "sent", "paid", "held", "fed", "led", "fought", "dealt", "learnt", "burnt",
    "dreamt", "dug", "hung", "stuck", "struck", "spun", "swung", "seen", "gotta", "known", "blown", "sewn",
    "taken", "eaten", "given", "driven", "written", "gotten", "forgotten", "chosen", "broken", "fallen", "ridden",
    "beaten", "hidden", "spoken", "stolen", "woken", "frozen", "proven", "risen", "bitten", "shaken", "forgiven"};

// Adjectives that react to what the other person said ("I'm proud of you",
// "I'm jealous", "I'm curious"), or compare ("I'm old enough"): after "I'm"
// they are no state of the author.
constexpr std::string_view kReactionAdjectives[] = {
    "proud",  "jealous",  "envious", "grateful", "thankful", "curious", "familiar", "impressed", "surprised",
    "available", "free", "sorry", "glad", "sure", "aware", "honest", "serious", "fine", "ready", "able",
    "lucky", "confident", "old", "positive", "certain", "welcome", "right", "wrong", "responsible"};
// Degree words between a copula and its predicate ("I'm *very* shy").
constexpr std::string_view kIntensifiers[] = {"so", "very", "really", "pretty", "quite", "too", "always", "still",
                                              "usually", "super", "extremely", "kinda", "fairly", "rather"};

// Past forms that describe a standing state.
constexpr std::string_view kStateWords[] = {"married", "divorced", "retired", "engaged", "adopted", "widowed",
                                            "employed", "unemployed", "vaccinated", "allergic", "tattooed"};

// Posts up to this many words are short: their phrases keep their full weight
// (about two sentences of chat; see the length normalisation in Extract).
constexpr size_t kShortPostWords = 20;

// Per-token marks in Impl::content.
constexpr uint8_t kContent = 1;  // may be part of a topic phrase
constexpr uint8_t kName = 2;     // part of a capitalised name span ("Home Depot", "University of Florida")
constexpr std::string_view kNameConnectors[] = {"of", "the", "and", "de", "la", "del", "van", "von", "&"};

// Common verbs (base form): with an -s after a noun they are its verb
// ("Rover sleeps", "my teacher says"), not part of the noun phrase.
constexpr std::string_view kCommonVerbs[] = {
    "ask",  "become", "begin", "bring", "call", "come", "feel", "get",   "give",  "go",    "happen", "hate",
    "hear", "help",   "keep",  "know",  "leave", "let", "like", "live", "look",  "love",  "make",   "mean",
    "need", "put",    "say",   "seem",  "show",  "sleep", "sound", "start", "stay", "take",  "tell",   "think",
    "turn", "wait",   "want",  "work",  "play",  "eat",  "run",   "try",   "use",   "watch", "wear",   "win"};

// Nouns that end in -ly, so the adverb rule below leaves them alone.
constexpr std::string_view kLyNouns[] = {"assembly", "belly",  "billy", "bully",   "butterfly", "dolly", "emily",
                                         "family",   "holly",  "italy", "jelly",   "july",      "kelly", "lily",
                                         "molly",    "monopoly", "philly", "rally", "reply",   "sally",  "supply"};

template <size_t N>
bool In(const std::string_view (&list)[N], std::string_view w) {
  return std::find(std::begin(list), std::end(list), w) != std::end(list);
}

bool IsParticiple(std::string_view w) {
  return w.ends_with("ed") || In(kIrregularParticiples, w);
}

// "honestly", "really": manner adverbs carry no artifact.
bool IsAdverb(std::string_view w);

bool IsLetterWord(std::string_view w) {
  // At least two bytes and at least one letter (ASCII or not).
  if (w.size() < 2) return false;
  for (unsigned char c : w)
    if (std::isalpha(c) || c >= 0x80) return true;
  return false;
}

// The category an activity verb gives to its object: "work at X" is a job.
std::string_view VerbCategory(std::string_view verb) {
  if (verb == "work" || verb == "teach" || verb == "volunteer" || verb == "coach") return "job";
  if (verb == "live") return "place";
  if (verb == "study") return "school";
  if (verb == "eat" || verb == "cook" || verb == "bake" || verb == "grow") return "food";
  if (verb == "drink") return "drink";
  if (verb == "speak") return "language";
  return "hobby";
}

bool IsThirdPersonVerb(std::string_view w) {
  if (w.size() < 3 || !w.ends_with('s') || w.ends_with("ss")) return false;
  std::string_view base = w.substr(0, w.size() - 1);
  if (In(kCommonVerbs, base)) return true;
  if (w.ends_with("es") && In(kCommonVerbs, w.substr(0, w.size() - 2))) return true;  // goes
  return w == "says" || w == "has" || w == "does" || w == "tries";
}

bool IsAdverb(std::string_view w) {
  return w.size() > 4 && w.ends_with("ly") && !In(kLyNouns, w);
}

// What the extractor needs to know about a normalised word, computed once per
// distinct word and cached per Extractor (lists are searched once, not per token).
enum WordFlag : uint32_t {
  kFirstPersonW = 1u << 0, kSecondPersonW = 1u << 1, kQuestionStartW = 1u << 2, kNegationW = 1u << 3,
  kHypotheticalW = 1u << 4, kDiscourseW = 1u << 5, kSubjectW = 1u << 6, kAuxiliaryW = 1u << 7,
  kActivityW = 1u << 8, kFactVerbW = 1u << 9, kStateW = 1u << 10, kStopW = 1u << 11, kLightW = 1u << 12,
  kAdjectiveW = 1u << 13, kAdverbW = 1u << 14, kLetterW = 1u << 15, kThirdPersonVerbW = 1u << 16,
  kNameConnectorW = 1u << 17, kThirdPersonW = 1u << 18, kModalW = 1u << 19, kSupposingW = 1u << 20,
  kMotionW = 1u << 21, kCopulaW = 1u << 22, kWhW = 1u << 23, kHaveW = 1u << 24, kParticipleW = 1u << 25,
  kIntensifierW = 1u << 26, kReactionW = 1u << 27,
};

struct WordFacts {
  uint32_t flags = 0;
  std::string_view category;  // lexicon category (static storage), or empty
  bool Has(uint32_t f) const { return (flags & f) != 0; }
};

WordFacts Classify(std::string_view w) {
  WordFacts f;
  auto set = [&](bool on, uint32_t bit) {
    if (on) f.flags |= bit;
  };
  set(In(kFirstPerson, w), kFirstPersonW);
  set(In(kSecondPerson, w), kSecondPersonW);
  set(In(kThirdPerson, w), kThirdPersonW);
  set(In(kModal, w), kModalW);
  set(In(kSupposing, w), kSupposingW);
  set(In(kMotionVerbs, w), kMotionW);
  set(In(kCopulas, w), kCopulaW);
  set(In(kWhWords, w), kWhW);
  set(In(kHaveForms, w), kHaveW);
  set(IsParticiple(w), kParticipleW);
  set(In(kIntensifiers, w), kIntensifierW);
  set(In(kReactionAdjectives, w), kReactionW);
  set(In(kQuestionStart, w), kQuestionStartW);
  set(In(kNegation, w) || w.ends_with("n't"), kNegationW);
  set(In(kHypothetical, w), kHypotheticalW);
  set(In(kDiscourse, w), kDiscourseW);
  set(In(kSubjectPronoun, w), kSubjectW);
  set(In(kAuxiliary, w), kAuxiliaryW);
  set(In(kActivityVerbs, w), kActivityW);
  set(In(kFactVerbs, w), kFactVerbW);
  set(In(kStateWords, w), kStateW);
  set(IsStopword(w), kStopW);
  set(IsLightWord(w), kLightW);
  set(IsAdjective(w), kAdjectiveW);
  set(IsAdverb(w), kAdverbW);
  set(IsLetterWord(w), kLetterW);
  set(IsThirdPersonVerb(w), kThirdPersonVerbW);
  set(In(kNameConnectors, w), kNameConnectorW);
  f.category = LexiconCategory(w);
  return f;
}

}  // namespace

struct Extractor::Impl {
  // Per-word facts, cached in a flat table (a node-based map spent ~40% of
  // Extract's own samples dividing by its bucket count and walking nodes);
  // bounded so a stream of unique junk cannot grow it without limit.
  static constexpr size_t kMaxCachedWords = 200'000;
  StringTable<WordFacts> word_cache;
  std::vector<WordFacts> facts;  // per token of the current post

  WordFacts Lookup(std::string_view w) {
    if (word_cache.size() >= kMaxCachedWords) word_cache.Clear();
    bool inserted = false;
    WordFacts& f = word_cache.FindOrInsert(w, &inserted);
    if (inserted) f = Classify(w);
    return f;
  }

  Tokenizer tokenizer;
  Stemmer stemmer;
  TokenizedText tt;
  // Per-token facts, reused.
  std::vector<uint8_t> content;   // 1 if the token can be part of a topic phrase
  std::vector<std::string> stems; // stem per token (only for content tokens)
  std::vector<uint8_t> initial;   // 1 for the first word of a sentence (after leading @mentions)
  std::vector<uint8_t> verb;      // 1 for an activity verb right after its subject ("I *work* at")
  bool other_directed = false;    // the post congratulates or greets a mentioned person
  enum class Owner { kNone, kSelf, kListener, kOther };
  Owner carry_owner = Owner::kNone;  // whose words the previous clause of the sentence ended on
  bool carry_conversational = false; // and whether it asked or supposed
  bool conversational_ = false;   // the phrases being emitted are thread topics only

  ExtractStatus Extract(const PostInput& post, std::vector<Occurrence>* out);
  void Clause(size_t b, size_t e, bool question_sentence, bool last_clause, const PostInput& post,
              std::vector<Occurrence>* out);
  void Phrase(size_t b, size_t e, float weight, bool negative, bool identity, std::vector<Occurrence>* out,
              bool state = false, std::string_view forced_category = {});
  size_t NamedRelation(size_t b, size_t e, size_t end, float weight, std::vector<Occurrence>* out);
  bool Age(size_t i, size_t first, size_t e, float weight, std::vector<Occurrence>* out);
  // Which of the rare greeting and date patterns a post may hold, found in
  // one pass over its words so that most posts skip both.
  struct Triggers {
    bool greeting = false;  // happy birthday / anniversary, congratulations
    bool own_date = false;  // birthday, anniversary, born, married
  };
  Triggers ScanTriggers() const;
  void OtherDirected(const PostInput& post, std::vector<Occurrence>* out);
  void SelfDated(const PostInput& post, std::vector<Occurrence>* out);
  void MarkNames();
  void Hashtags(std::vector<Occurrence>* out);
};

Extractor::Extractor() : impl_(std::make_unique<Impl>()) {}
Extractor::~Extractor() = default;
ExtractStatus Extractor::Extract(const PostInput& post, std::vector<Occurrence>* out) { return impl_->Extract(post, out); }

ExtractStatus Extractor::Impl::Extract(const PostInput& post, std::vector<Occurrence>* out) {
  out->clear();
  tokenizer.Tokenize(post.text, &tt);
  if (tt.tokens.empty()) return ExtractStatus::kEmpty;
  if (!IsEnglish(post.lang, tt)) return ExtractStatus::kNonEnglish;
  const size_t n = tt.tokens.size();
  out->reserve(8);  // most posts yield a few; growing from one moved them up to three times
  content.assign(n, 0);
  initial.assign(n, 0);
  verb.assign(n, 0);
  if (stems.size() < n) stems.resize(n);
  bool at_start = true;
  bool verb_slot = false;  // the previous word makes this one a verb: "I doubt", "to fix", "can't stand"
  bool copula_slot = false;  // the previous word is a copula: "I'm *pregnant*"
  facts.assign(n, WordFacts());
  for (size_t i = 0; i < n; ++i) {
    const Token& t = tt.tokens[i];
    if (t.kind == TokenKind::kPunct && t.sentence_end) at_start = true;
    if (t.kind != TokenKind::kWord && t.kind != TokenKind::kNumber) continue;
    if (t.in_hashtag) continue;
    initial[i] = at_start;
    at_start = false;
    if (t.kind != TokenKind::kWord) {
      verb_slot = false;
      continue;
    }
    std::string_view w = tt.Norm(t);
    const WordFacts f = Lookup(w);
    facts[i] = f;
    const bool was_verb_slot = verb_slot;
    const bool was_copula_slot = copula_slot;
    // After a copula comes a predicate, not a verb: "I'm *pregnant*", "I am *job* hunting".
    const bool copula = f.Has(kCopulaW);
    // "go to church", "moved to Texas", "listen to jazz": after a verb of motion "to" leads a place or thing.
    const bool to_place = w == "to" && i > 0 && tt.tokens[i - 1].kind == TokenKind::kWord &&
                          facts[i - 1].Has(kMotionW);
    verb_slot = (f.Has(kSubjectW | kAuxiliaryW) && !copula) || (w == "to" && !to_place) || w.ends_with("n't") ||
                (was_verb_slot && f.Has(kAdverbW | kNegationW));
    copula_slot = copula || (copula_slot && f.Has(kAdverbW));
    if (!f.Has(kLetterW) || f.Has(kStopW | kLightW | kFirstPersonW | kSecondPersonW | kNegationW | kAdverbW)) continue;
    // "I do plumbing", "we did some painting": after do/does/did an -ing word is the activity.
    const bool do_object = i > 0 && w.ends_with("ing") && tt.tokens[i - 1].kind == TokenKind::kWord &&
                           (tt.Norm(tt.tokens[i - 1]) == "do" || tt.Norm(tt.tokens[i - 1]) == "does" ||
                            tt.Norm(tt.tokens[i - 1]) == "did");
    // "I have allergies", "I've stepchildren": right after have/has/had a word
    // that is no past participle is what the speaker has, not a verb.
    const bool have_object = was_verb_slot && i > 0 && tt.tokens[i - 1].kind == TokenKind::kWord &&
                             facts[i - 1].Has(kHaveW) && !f.Has(kParticipleW);
    // A verb carries the fact only when it names an activity ("I work", "we hike");
    // otherwise the fact is in its object ("I doubt smoking" -> "smoking").
    if (was_verb_slot && !f.Has(kActivityW) && f.category.empty() && !do_object && !have_object) continue;
    // After a copula an -ing word is a progressive verb ("I'm thinking"): content only if it names an activity.
    if (was_copula_slot && w.ends_with("ing") && !f.Has(kActivityW) && f.category.empty()) continue;
    // Only an activity verb leads a verb phrase; a lexicon noun in the slot is an object ("I had *chicken*").
    if (was_verb_slot && f.Has(kActivityW)) verb[i] = 1;
    // "my teacher says", "Rover sleeps": a noun's verb ends the phrase.
    if (!was_verb_slot && i > 0 && (content[i - 1] || tt.tokens[i - 1].capitalized) && f.Has(kThirdPersonVerbW)) {
      verb_slot = true;
      continue;
    }
    // Bare past forms ("purchased", "delayed") describe events, not standing facts.
    if (w.size() > 4 && w.ends_with("ed") && f.category.empty() && !f.Has(kStateW)) continue;
    content[i] = 1;
    stems[i].assign(stemmer.Stem(w));
  }
  MarkNames();
  const size_t before = out->size();
  const Triggers triggers = ScanTriggers();
  if (triggers.greeting) OtherDirected(post, out);
  // A greeting to someone else ("Congrats on the new job @priya! Globex is
  // lucky") is about them: only the author's first-person clauses count.
  other_directed = out->size() > before;
  if (triggers.own_date) SelfDated(post, out);
  Hashtags(out);

  // Sentences, then clauses (split at commas and ';' inside a sentence).
  size_t s = 0;
  while (s < n) {
    size_t e = s;
    while (e < n && !(tt.tokens[e].kind == TokenKind::kPunct && tt.tokens[e].sentence_end)) ++e;
    const bool question = e < n && tt.tokens[e].question;
    carry_owner = Owner::kNone;
    carry_conversational = false;
    size_t c = s;
    while (c < e) {
      size_t ce = c;
      while (ce < e && !(tt.tokens[ce].kind == TokenKind::kPunct)) ++ce;
      if (ce > c) Clause(c, ce, question, ce >= e || ce + 1 >= e, post, out);
      c = ce + 1;
    }
    s = e + 1;
  }
  // Length normalisation: a post states a few facts at most, so in a long post
  // each phrase is less likely to be one of them (as a term in a long document
  // says less about it). Up to kShortPostWords words nothing changes; beyond,
  // the author's occurrences weigh sqrt(kShortPostWords / words). Dates said
  // outright ("my birthday is May 3") are patterns, not phrases: unchanged.
  size_t words = 0;
  for (const Token& t : tt.tokens) words += t.kind == TokenKind::kWord && !t.in_hashtag;
  if (words > kShortPostWords) {
    const float scale = std::sqrt(static_cast<float>(kShortPostWords) / static_cast<float>(words));
    for (Occurrence& o : *out)
      if (o.mention_index < 0 && o.category != "birthday" && o.category != "anniversary") o.weight *= scale;
  }
  return ExtractStatus::kOk;
}

// After a pet/family/partner phrase [b, e), an optional "named"/"called" and a
// name span: emits "dog: Rover" with the name as alias. Returns the end of the
// name span, or `e` when there is none.
size_t Extractor::Impl::NamedRelation(size_t b, size_t e, size_t end, float weight, std::vector<Occurrence>* out) {
  std::string_view head = tt.Norm(tt.tokens[e - 1]);
  std::string_view category = facts[e - 1].category;  // LexiconCategory(head): [b, e) are content words, looked up
  if (category != "pet" && category != "family" && category != "partner") return e;
  size_t n = e;
  if (n < end && tt.tokens[n].kind == TokenKind::kWord &&
      (tt.Norm(tt.tokens[n]) == "named" || tt.Norm(tt.tokens[n]) == "called"))
    ++n;
  // "named cooper": after "named" a lower-case word is a name too.
  const bool after_named = n > e;
  if (n >= end || tt.tokens[n].kind != TokenKind::kWord) return e;
  size_t m = n;
  if (content[n] == kName) {
    while (m < end && content[m] == kName) ++m;
  } else if (after_named && IsLetterWord(tt.Norm(tt.tokens[n]))) {
    stems[n].assign(stemmer.Stem(tt.Norm(tt.tokens[n])));
    m = n + 1;
  } else {
    return e;
  }
  Occurrence o;
  o.category = std::string(category);
  o.conversational = conversational_;
  o.weight = weight * 2.0f;
  o.value.assign(head).append(": ");
  for (size_t k = n; k < m; ++k) {
    if (k > n) o.value.push_back(' '), o.alias.push_back(' ');
    std::string_view surface = tt.Surface(tt.tokens[k]);
    if (content[k] == kName) {
      o.value.append(surface);
    } else {  // capitalise a name written in lower case
      o.value.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(surface[0]))));
      o.value.append(surface.substr(1));
    }
    o.alias.append(stems[k]);
  }
  o.key = stems[e - 1] + " " + o.alias;
  (void)b;
  out->push_back(std::move(o));
  return m;
}

// Marks runs of capitalised words that do not open a sentence as names,
// with lower-case connectors inside them ("Bank of America").
void Extractor::Impl::MarkNames() {
  const size_t n = tt.tokens.size();
  auto capital = [&](size_t i) {
    const Token& t = tt.tokens[i];
    if (t.kind != TokenKind::kWord || t.in_hashtag || !t.capitalized || initial[i]) return false;
    const WordFacts& f = facts[i];
    return f.Has(kLetterW) && !f.Has(kStopW | kFirstPersonW | kSecondPersonW | kDiscourseW | kLightW);
  };
  size_t i = 0;
  while (i < n) {
    if (!capital(i)) {
      ++i;
      continue;
    }
    // "Bill Evans" at the start of a sentence: take the capitalised first word too.
    if (i > 0 && initial[i - 1] && tt.tokens[i - 1].kind == TokenKind::kWord && tt.tokens[i - 1].capitalized &&
        !facts[i - 1].Has(kStopW | kLightW | kDiscourseW) && facts[i - 1].Has(kLetterW))
      --i;
    size_t j = i + 1;
    while (j < n && j - i < 5) {
      if (capital(j)) {
        ++j;
      } else if (j + 1 < n && tt.tokens[j].kind == TokenKind::kWord && facts[j].Has(kNameConnectorW) &&
                 capital(j + 1)) {
        j += 2;
      } else {
        break;
      }
    }
    for (size_t k = i; k < j; ++k) {
      content[k] = kName;
      stems[k].assign(stemmer.Stem(tt.Norm(tt.tokens[k])));
    }
    i = j;
  }
}

// One clause [b, e): decide whose fact it is and how strong, then take its phrases.
void Extractor::Impl::Clause(size_t b, size_t e, bool question_sentence, bool last_clause, const PostInput&,
                             std::vector<Occurrence>* out) {
  // Skip leading discourse markers and mentions ("@sam haha so I ...").
  size_t first = b;
  while (first < e && (tt.tokens[first].kind == TokenKind::kMention || tt.tokens[first].kind == TokenKind::kEmoji ||
                       tt.tokens[first].kind == TokenKind::kUrl ||
                       (tt.tokens[first].kind == TokenKind::kWord && facts[first].Has(kDiscourseW))))
    ++first;
  if (first >= e) return;
  const WordFacts& lead = facts[first];
  bool first_person = false;
  for (size_t i = first; i < e; ++i)
    if (tt.tokens[i].kind == TokenKind::kWord && facts[i].Has(kFirstPersonW)) first_person = true;
  // A question: the sentence ends with '?' and this clause asks (its last clause,
  // or a clause that opens with an auxiliary or wh-word).
  // Such clauses still name what the two people talked about: their phrases
  // are kept as conversational (thread topics only).
  // Without a '?', a clause asks when it opens with a wh-word ("what kind of
  // music") or with an auxiliary and speaks to the listener ("do you cook"):
  // "Was really good at chucking grenades." is a statement with its "I" dropped.
  bool second_person = false;
  for (size_t i = first; i < e; ++i)
    if (tt.tokens[i].kind == TokenKind::kWord && facts[i].Has(kSecondPersonW)) second_person = true;
  bool asking = (question_sentence && (last_clause || lead.Has(kQuestionStartW))) ||
                (lead.Has(kQuestionStartW) && !first_person && (lead.Has(kWhW) || second_person));
  // "I walk three miles to work what do you do?": a question that opens with
  // a first-person statement asks only from its wh-word or "you" on.
  const bool asks_later = asking && lead.Has(kFirstPersonW) && !lead.Has(kQuestionStartW);
  if (asks_later) asking = false;
  bool clause_conversational = asking || lead.Has(kHypotheticalW);

  // Whose words these are: the last personal pronoun before a phrase decides
  // ("I'm sure you are a great nurse": "nurse" is the listener's). Before any
  // pronoun the clause is impersonal ("Cats are the best.") and weighs less.
  Owner owner = Owner::kNone;
  // A clause with no subject of its own continues the previous clause of the
  // sentence ("I love old bands, the Eagles, the Beatles"): same owner, and
  // still a question or a hypothetical if that one was.
  bool has_subject = false;
  for (size_t k = first; k < e; ++k)
    if (tt.tokens[k].kind == TokenKind::kWord &&
        facts[k].Has(kSubjectW | kFirstPersonW | kSecondPersonW | kThirdPersonW))
      has_subject = true;
  if (!has_subject) {
    owner = carry_owner;
    clause_conversational |= carry_conversational;
  }
  // "Orange is mine", "Pizza is my favorite": what comes before the copula is
  // the author's, said as plainly as "I like orange".
  size_t mine_at = SIZE_MAX;
  for (size_t k = first + 1; k + 1 < e && mine_at == SIZE_MAX; ++k) {
    if (tt.tokens[k].kind != TokenKind::kWord || !facts[k].Has(kCopulaW) || tt.tokens[k + 1].kind != TokenKind::kWord)
      continue;
    const std::string_view next = tt.Norm(tt.tokens[k + 1]);
    const std::string_view after = k + 2 < e ? tt.Norm(tt.tokens[k + 2]) : std::string_view();
    if (next == "mine" || next == "ours" ||
        ((next == "my" || next == "our") && (after == "favorite" || after == "favourite" || after == "fave" ||
                                             after == "fav" || after == "favorites" || after == "favourites" ||
                                             after == "passion" || after == "hobby" || after == "thing" ||
                                             after == "life" || after == "jam")))
      mine_at = k;
  }
  size_t last_negation = SIZE_MAX;
  size_t last_fact_verb = SIZE_MAX;  // "I have", "we love", "my": what follows is a self-disclosure
  size_t last_activity = SIZE_MAX;   // index of a content activity verb ("work", "live") with its object to come
  size_t last_identity = SIZE_MAX;   // "I'm a", "I work as": a job word after it is the author's job
  bool modal = false;                // "I could", "I imagine", "I wish": the rest of the clause is not a fact
  size_t last_origin = SIZE_MAX;     // "I'm from", "I grew up in": a place follows
  size_t i = first;
  while (i < e) {
    const Token& t = tt.tokens[i];
    if (t.kind == TokenKind::kWord && !content[i]) {
      std::string_view w = tt.Norm(t);
      const WordFacts& f = facts[i];
      if (owner == Owner::kSelf && (f.Has(kFactVerbW) || w == "my" || w == "our" || w == "i'm" || w == "im"))
        last_fact_verb = i;
      if (owner == Owner::kSelf && (w == "am" || w == "i'm" || w == "im" || w == "as")) last_identity = i;
      if (f.Has(kFirstPersonW)) owner = Owner::kSelf;
      if (w == "i'm" || w == "im" || (w == "m" && i > first && tt.Norm(tt.tokens[i - 1]) == "i")) last_identity = i;
      if (f.Has(kSecondPersonW)) owner = Owner::kListener;
      if (asks_later && f.Has(kWhW)) clause_conversational = true;
      if (f.Has(kThirdPersonW)) owner = Owner::kOther;  // "her daughter", "they have a boat": someone else's
      if (f.Has(kNegationW)) last_negation = i;
      if (owner == Owner::kSelf && i > first &&
          ((w == "from" && (facts[i - 1].Has(kCopulaW) || tt.Norm(tt.tokens[i - 1]) == "originally")) ||
           ((w == "in" || w == "on") && tt.Norm(tt.tokens[i - 1]) == "up" && i >= first + 2 &&
            tt.Norm(tt.tokens[i - 2]) == "grew")))
        last_origin = i;
      if (w == "but" || w == "though" || w == "although") last_negation = SIZE_MAX;
      if (f.Has(kModalW)) {
        std::string_view next = i + 1 < e ? tt.Norm(tt.tokens[i + 1]) : std::string_view();
        if (next != "like" && next != "love" && next != "prefer" && next != "enjoy") modal = true;
      }
      if (owner == Owner::kSelf && f.Has(kSupposingW)) modal = true;
      ++i;
      continue;
    }
    if (!content[i]) {
      // "I'm 45", "I just turned 30", "in my 70s": the author's age.
      if (t.kind == TokenKind::kNumber && owner == Owner::kSelf && !clause_conversational)
        Age(i, first, e, modal ? 0.5f : 1.0f, out);
      ++i;
      continue;
    }
    size_t j = i;
    if (content[i] == kName) {
      while (j < e && content[j] == kName) ++j;  // a name is taken whole: "University of Florida"
    } else {
      while (j < e && content[j] == kContent && j - i < 3) ++j;
    }
    {
      // Negation reaches a phrase a few words on: "I don't eat meat", not "not bad, but a bite".
      const bool negative = last_negation != SIZE_MAX && i - last_negation <= 4;
      float weight = owner == Owner::kSelf ? 1.0f : 0.5f;
      if (owner == Owner::kNone && j <= mine_at && mine_at != SIZE_MAX) weight = 1.5f;
      if (owner == Owner::kNone && other_directed) weight = 0;
      if (owner == Owner::kSelf && last_fact_verb != SIZE_MAX && i - last_fact_verb <= 3) weight *= 1.5f;
      if (negative) weight *= 0.7f;
      if (modal) weight *= 0.5f;  // a possibility or a wish is weaker evidence than a statement
      // "Do you want to meet my wife?", "If I tried that my cats would...": a
      // relative or pet the author calls "my" is theirs even inside a question
      // or a supposition; it is kept, as weakly as a possibility.
      bool own_relation = false;
      if (clause_conversational && owner == Owner::kSelf && i > first && tt.tokens[i - 1].kind == TokenKind::kWord &&
          (tt.Norm(tt.tokens[i - 1]) == "my" || tt.Norm(tt.tokens[i - 1]) == "our"))
        for (size_t k = i; k < j; ++k)
          if (facts[k].category == "pet" || facts[k].category == "family" || facts[k].category == "partner")
            own_relation = true;
      if (own_relation) weight *= 0.5f;
      conversational_ = (clause_conversational && !own_relation) || owner == Owner::kListener || weight == 0;
      if (conversational_) weight = 0;
      const bool identity = last_identity != SIZE_MAX && i - last_identity <= 3;
      // "work at Home Depot", "live in Florida": an activity verb with its object is one fact.
      // Manner adverbs between the verb and its object do not count ("live *directly* on the beach").
      size_t gap = last_activity != SIZE_MAX && last_activity < i ? i - last_activity : SIZE_MAX;
      if (gap != SIZE_MAX && gap > 3 && gap <= 5)
        for (size_t k = last_activity + 1; k < i; ++k)
          if (tt.tokens[k].kind == TokenKind::kWord && facts[k].Has(kAdverbW)) --gap;
      if (last_activity != SIZE_MAX && last_activity + 1 < i && gap <= 3 && owner == Owner::kSelf) {
        Phrase(last_activity, j, weight, negative, identity, out);
      } else {
        // "I'm single", "I am very shy": an adjective right after the author's
        // own copula is a state of the author, not a passing predicate.
        size_t k = i;
        while (k > first && tt.tokens[k - 1].kind == TokenKind::kWord && facts[k - 1].Has(kIntensifierW)) --k;
        const bool state = owner == Owner::kSelf && k > first && tt.tokens[k - 1].kind == TokenKind::kWord &&
                           (tt.Norm(tt.tokens[k - 1]) == "i'm" || tt.Norm(tt.tokens[k - 1]) == "im" ||
                            ((tt.Norm(tt.tokens[k - 1]) == "am" || tt.Norm(tt.tokens[k - 1]) == "m") && k >= first + 2 &&
                             tt.Norm(tt.tokens[k - 2]) == "i")) &&
                           !facts[i].Has(kReactionW);
        const bool boosted = last_fact_verb != SIZE_MAX && i - last_fact_verb <= 3;
        // "I'm from LA", "I grew up in a small town": where the author comes from.
        // A word typed otherwise keeps its type ("I'm from a big family").
        bool origin = last_origin != SIZE_MAX && i - last_origin <= 3 && !negative;
        for (size_t k = i; k < j && origin; ++k)
          if (!facts[k].category.empty() && facts[k].category != "place") origin = false;
        Phrase(i, j, (state || origin) && !boosted ? weight * 1.5f : weight, negative, identity, out, state,
               origin ? std::string_view("place") : std::string_view());
      }
      // "my dog Rover", "my daughter Maya": the relation with its name; the name is consumed.
      if (!negative) {
        size_t name_end = NamedRelation(i, j, e, weight, out);
        if (name_end > j) j = name_end;
      }
      last_activity = SIZE_MAX;
      if (j - i == 1 && content[i] == kContent && verb[i]) last_activity = i;
    }
    i = j;
  }
  carry_owner = owner;
  carry_conversational = clause_conversational;
}

// The author's age at the number token i of the clause [first, e): "I'm 45",
// "I am 24 years old", "I just turned 30", "I'm turning 40 next month", "in my
// 70s", "in all my 56 years". Not a quantity: "I'm 5 minutes away", "I am 100%
// sure", "I'm 6 feet tall". Emits `age` with the number as key.
bool Extractor::Impl::Age(size_t i, size_t first, size_t e, float weight, std::vector<Occurrence>* out) {
  const std::string_view num = tt.Norm(tt.tokens[i]);
  size_t digits = 0;
  while (digits < num.size() && num[digits] >= '0' && num[digits] <= '9') ++digits;
  const bool decade = digits == 2 && num.size() == 3 && num[2] == 's' && num[1] == '0';  // "70s"
  if (digits == 0 || digits > 3 || (digits < num.size() && !decade)) return false;
  int years = 0;
  for (size_t k = 0; k < digits; ++k) years = years * 10 + (num[k] - '0');
  if (years < 1 || years > 110) return false;
  auto word = [&](size_t k) {
    return k < tt.tokens.size() && tt.tokens[k].kind == TokenKind::kWord ? tt.Norm(tt.tokens[k]) : std::string_view();
  };
  // The word before the number, past an adverb ("I'm only 19", "I just turned 30").
  size_t p = i;
  while (p > first && (word(p - 1) == "only" || word(p - 1) == "just" || word(p - 1) == "almost" ||
                       word(p - 1) == "nearly" || word(p - 1) == "now" || word(p - 1) == "currently" ||
                       word(p - 1) == "all" || word(p - 1) == "early" || word(p - 1) == "mid" || word(p - 1) == "late"))
    --p;
  if (p <= first) return false;
  const std::string_view before = word(p - 1);
  const std::string_view before2 = p >= first + 2 ? word(p - 2) : std::string_view();
  const bool am = before == "i'm" || before == "im" || ((before == "am" || before == "m") && before2 == "i");
  const bool turned = (before == "turned" || before == "turning" || before == "turn") &&
                      (before2 == "i" || before2 == "i'm" || before2 == "im" || before2 == "just" ||
                       before2 == "will" || before2 == "i'll");
  const bool my = before == "my";  // "in my 70s", "my 56 years"
  if (!am && !turned && !my) return false;
  // What follows: the end of the clause, "years (old)", or a word that closes the statement.
  const std::string_view next = word(i + 1);
  bool ok = false;
  if (i + 1 >= e) {
    // The clause ends here: at a sentence end or a comma, not at "%" or "$".
    ok = i + 1 >= tt.tokens.size();
    if (!ok && tt.tokens[i + 1].kind == TokenKind::kPunct) {
      const char c = tt.Surface(tt.tokens[i + 1])[0];
      ok = c == '.' || c == ',' || c == '!' || c == '?' || c == ';' || c == ')' || c == '\n';
    }
    ok &= !my || decade;
  } else if (next == "years" || next == "yrs" || next == "year" || next == "yr") {
    const std::string_view after = word(i + 2);
    ok = after == "old" || after == "young" || i + 2 >= e || my;
  } else if (!my && (next == "and" || next == "but" || next == "now" || next == "so" || next == "too" ||
                     next == "myself" || next == "soon" || next == "already" || next == "yo" || next == "lol" ||
                     next == "haha" || next == "this" || next == "next" || next == "today")) {
    ok = true;
  } else if (decade && my) {
    ok = true;
  }
  if (!ok) return false;
  Occurrence o;
  o.category = "age";
  o.key.assign(num);
  o.value.assign(num);
  if (!decade) o.value.append(" years old");
  o.weight = weight * 3.75f;  // a typed statement after "I'm" (2.5 x 1.5)
  out->push_back(std::move(o));
  return true;
}

void Extractor::Impl::Phrase(size_t b, size_t e, float weight, bool negative, bool identity,
                             std::vector<Occurrence>* out, bool state, std::string_view forced_category) {
  // [b, e) holds content words, possibly led by an activity verb and its
  // function words ("work at Home Depot"). The key is built from the content
  // words; the value shows the words as written.
  std::string_view category = forced_category;
  // An activity phrase starts with its verb: "work at Home Depot", "eat meat".
  const bool activity = verb[b] && e - b > 1;
  if (activity && category.empty()) category = VerbCategory(tt.Norm(tt.tokens[b]));
  size_t head = e - 1;
  // A lexicon word gives its category (the last one wins: the head noun).
  for (size_t i = b; i < e && forced_category.empty(); ++i) {
    if (!content[i]) continue;
    std::string_view c = facts[i].category;
    if (!c.empty() && !(activity && i == b)) category = c, head = i;
  }
  const size_t object = activity ? b + 1 : b;  // first word after the verb
  bool proper = true;
  for (size_t i = object; i < e; ++i)
    if (content[i]) proper &= content[i] == kName;
  if (category.empty()) category = proper ? "name" : "topic";
  // A job word is the author's job only in "I'm a nurse", "I work as a nurse" ("my teacher says" is not).
  if (category == "job" && !identity && !activity) category = "topic";
  // "I don't eat meat": a diet, said as what is avoided.
  std::string_view verb = activity ? tt.Norm(tt.tokens[b]) : std::string_view();
  const bool diet = negative && (verb == "eat" || verb == "drink");
  if (diet) category = "diet";
  // Trailing adjectives are predicates ("the food was fresh"): drop them; a lone adjective is no candidate.
  // A state of the author ("I'm single") keeps its adjectives.
  while (e > b && category == "topic" && facts[e - 1].Has(kAdjectiveW) && !state) --e;
  if (e == b || !content[e - 1]) return;
  if (head >= e) head = e - 1;
  Occurrence o;
  o.category = std::string(category);
  o.negative = negative;
  o.conversational = conversational_;
  o.weight = weight * (category == "topic" ? 1.0f : category == "name" ? 1.7f : 2.5f);
  if (negative) o.value = "not: ", o.key = "not";
  if (diet) o.value = "no", b = b + 1;
  for (size_t i = b; i < e; ++i) {
    if (i > b || diet) o.value.push_back(' ');
    // Keep proper nouns as written; lower-case the rest.
    if (content[i] == kName || (tt.tokens[i].capitalized && !initial[i]))
      o.value.append(tt.Surface(tt.tokens[i]));
    else
      o.value.append(tt.Norm(tt.tokens[i]));
    if (!content[i]) continue;
    if (!o.key.empty()) o.key.push_back(' ');
    o.key.append(stems[i]);
  }
  // The head word alone, so "oldest son" and "my son" meet (not for names: "United States").
  const bool head_too = e - b > 1 && !proper;
  Occurrence h;
  if (head_too) {
    h.category = o.category;
    h.negative = negative;
    h.conversational = conversational_;
    h.weight = o.weight * 0.8f;
    h.key = (negative ? "not " : "") + stems[head];
    h.value = (negative ? "not: " : "") + std::string(tt.Norm(tt.tokens[head]));
  }
  out->push_back(std::move(o));
  if (head_too) out->push_back(std::move(h));
}

void Extractor::Impl::Hashtags(std::vector<Occurrence>* out) {
  const size_t n = tt.tokens.size();
  for (size_t i = 0; i < n; ++i) {
    if (tt.tokens[i].kind != TokenKind::kHashtag) continue;
    Occurrence o;
    o.category = "topic";
    o.weight = 0.8f;
    size_t j = i + 1;
    for (; j < n && tt.tokens[j].in_hashtag && j - i <= 3; ++j) {
      std::string_view w = tt.Norm(tt.tokens[j]);
      if (!o.key.empty()) o.key.push_back(' '), o.value.push_back(' ');
      o.key.append(stemmer.Stem(w));
      o.value.append(w);
    }
    if (!o.key.empty() && !IsStopword(o.value)) out->push_back(std::move(o));
  }
}

Extractor::Impl::Triggers Extractor::Impl::ScanTriggers() const {
  Triggers t;
  for (const Token& token : tt.tokens) {
    if (token.kind != TokenKind::kWord) continue;
    const std::string_view w = tt.Norm(token);
    const bool dated = w.starts_with("birthday") || w == "bday" || w.starts_with("anniversar");
    t.greeting |= dated || w == "hbd" || w.starts_with("congrat") || w == "happy";
    t.own_date |= dated || w == "born" || w == "married";
    if (t.greeting && t.own_date) break;
  }
  return t;
}

// "happy birthday @sam", "congrats on the new job @priya", "happy anniversary @alex".
void Extractor::Impl::OtherDirected(const PostInput& post, std::vector<Occurrence>* out) {
  if (post.mentions.empty()) return;
  std::string lower;
  for (const Token& t : tt.tokens)
    if (t.kind == TokenKind::kWord || t.kind == TokenKind::kNumber) lower.append(tt.Norm(t)).push_back(' ');
  // Month and day of the post (UTC), for birthdays and anniversaries.
  unsigned month = 0, day = 0;
  internal::MonthDayOf(post.created_at, &month, &day);
  const std::string date = internal::MonthDayString(month, day);
  struct Rule {
    std::string_view phrase, category, value;
    bool dated;
  };
  static constexpr Rule kRules[] = {
      {"happy birthday", "birthday", "birthday", true},   {"happy bday", "birthday", "birthday", true},
      {"hbd ", "birthday", "birthday", true},             {"happy anniversary", "anniversary", "anniversary", true},
      {"new job", "life_event", "new job", false},        {"engagement", "life_event", "engagement", false},
      {"engaged", "life_event", "engagement", false},     {"wedding", "life_event", "wedding", false},
      {"new baby", "life_event", "new baby", false},      {"graduation", "life_event", "graduation", false},
      {"retirement", "life_event", "retirement", false},  {"promotion", "life_event", "promotion", false},
  };
  const bool congrats = lower.find("congrat") != std::string::npos || lower.find("happy") != std::string::npos;
  for (const Rule& r : kRules) {
    if (lower.find(r.phrase) == std::string::npos) continue;
    if (!r.dated && !congrats) continue;
    for (size_t m = 0; m < post.mentions.size(); ++m) {
      // "@sam happy birthday @sam!": one fact per person, not per mention.
      if (std::find(post.mentions.begin(), post.mentions.begin() + m, post.mentions[m]) != post.mentions.begin() + m)
        continue;
      Occurrence o;
      o.category = std::string(r.category);
      o.key = r.dated ? std::string(date) : std::string(r.value);
      o.value = r.dated ? std::string(r.value) + ": " + date : std::string(r.value);
      o.mention_index = static_cast<int>(m);
      o.weight = 2.0f;
      out->push_back(std::move(o));
    }
  }
}

}  // namespace rapport::nlp

namespace rapport::nlp {

// The author's own dates: "my birthday is April 15th", "I was born on the 2nd
// of March", "our anniversary is June 3", "we got married on 12 May"; and
// "today is my birthday", "happy birthday to me", "it's our anniversary",
// dated by the post. Not when negated ("it's not my birthday").
void Extractor::Impl::SelfDated(const PostInput& post, std::vector<Occurrence>* out) {
  std::vector<std::string_view> words;  // only for the rare posts past the trigger
  for (const Token& t : tt.tokens)
    if (t.kind == TokenKind::kWord || t.kind == TokenKind::kNumber) words.push_back(tt.Norm(t));
  auto is = [&](size_t i, std::string_view w) { return i < words.size() && words[i] == w; };
  auto negated = [&](size_t i) {  // "not my birthday", "isn't my birthday"
    return i > 0 && (words[i - 1] == "not" || words[i - 1] == "isn't" || words[i - 1] == "isnt" ||
                     words[i - 1] == "never");
  };
  auto emit = [&](std::string_view category, const std::string& date) {
    for (const Occurrence& o : *out)
      if (o.mention_index < 0 && o.category == category && o.key == date) return;  // once per post
    Occurrence o;
    o.category = std::string(category);
    o.key = date;
    o.value = std::string(category) + ": " + date;
    o.weight = 2.0f;
    out->push_back(std::move(o));
  };
  unsigned month = 0, day = 0;
  internal::MonthDayOf(post.created_at, &month, &day);
  const std::string today = internal::MonthDayString(month, day);
  for (size_t i = 0; i < words.size(); ++i) {
    const std::string_view w = words[i];
    const bool birthday = w == "birthday" || w == "birthday's" || w == "bday" || w == "bday's";
    const bool anniversary = w == "anniversary" || w == "anniversary's";
    if (birthday || anniversary) {
      const std::string_view category = birthday ? "birthday" : "anniversary";
      // Whose: "my birthday", "our (wedding) anniversary", "my wedding anniversary".
      size_t owner = i;
      if (owner > 0 && words[owner - 1] == "wedding") --owner;
      if (owner == 0 || !(words[owner - 1] == "my" || (anniversary && words[owner - 1] == "our"))) {
        // "happy birthday to me", "happy anniversary to us"
        if (i > 0 && words[i - 1] == "happy" && is(i + 1, "to") && is(i + 2, birthday ? "me" : "us"))
          emit(category, today);
        continue;
      }
      if (negated(owner - 1)) continue;
      // "my birthday is April 15th", "my birthday's on the 2nd of March", "my birthday was 3 June"
      size_t next = i + 1;
      if (is(next, "is") || is(next, "was") || is(next, "falls") || is(next, "s")) ++next;
      if (unsigned m = 0, d = 0; internal::FindDayMonth(words, next, 6, &m, &d)) {
        emit(category, internal::MonthDayString(m, d));
        continue;
      }
      // "today is my birthday", "it's my birthday", "my birthday today"
      const bool today_before = (owner >= 3 && words[owner - 3] == "today" && words[owner - 2] == "is") ||
                                (owner >= 2 && (words[owner - 2] == "it's" || words[owner - 2] == "its"));
      if (today_before || is(i + 1, "today")) emit(category, today);
      continue;
    }
    // "I was born on April 15th", "we got married on 12 May"
    if ((w == "born" && i >= 2 && words[i - 1] == "was" && words[i - 2] == "i") ||
        (w == "married" && i >= 2 && words[i - 1] == "got" && words[i - 2] == "we")) {
      size_t next = i + 1;
      if (is(next, "in")) ++next;
      if (unsigned m = 0, d = 0; internal::FindDayMonth(words, next, 6, &m, &d))
        emit(w == "born" ? "birthday" : "anniversary", internal::MonthDayString(m, d));
    }
  }
}

}  // namespace rapport::nlp
