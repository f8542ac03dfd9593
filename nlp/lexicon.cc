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
    {"accountant", "job"}, {"actor", "job"}, {"actress", "job"}, {"africa", "place"}, {"alabama", "place"},
    {"alaska", "place"}, {"album", "music"}, {"analyst", "job"}, {"anime", "media"}, {"architect", "job"},
    {"argentina", "place"}, {"arizona", "place"}, {"arkansas", "place"}, {"artist", "job"}, {"asia", "place"},
    {"atlanta", "place"}, {"aunt", "family"}, {"austin", "place"}, {"australia", "place"},
    {"austria", "place"}, {"author", "job"}, {"baby", "family"}, {"babysitter", "job"},
    {"bachelors", "school"}, {"backpack", "possession"}, {"bacon", "food"}, {"badminton", "sport"},
    {"baker", "job"}, {"baking", "hobby"}, {"band", "music"}, {"banjo", "music"}, {"banker", "job"},
    {"barbecue", "food"}, {"barista", "job"}, {"bartender", "job"}, {"baseball", "sport"},
    {"basketball", "sport"}, {"bass", "music"}, {"bbq", "food"}, {"beagle", "pet"}, {"beer", "drink"},
    {"belgium", "place"}, {"berlin", "place"}, {"bicycle", "vehicle"}, {"bike", "vehicle"}, {"bird", "pet"},
    {"birdwatching", "hobby"}, {"blogger", "job"}, {"blues", "music"}, {"boat", "vehicle"}, {"book", "media"},
    {"books", "media"}, {"boots", "possession"}, {"boston", "place"}, {"bouldering", "hobby"},
    {"boxing", "sport"}, {"boyfriend", "partner"}, {"bracelet", "possession"}, {"brazil", "place"},
    {"bread", "food"}, {"brooklyn", "place"}, {"brother", "family"}, {"brothers", "family"},
    {"budgie", "pet"}, {"bulldog", "pet"}, {"bunny", "pet"}, {"burger", "food"}, {"burgers", "food"},
    {"burrito", "food"}, {"cake", "food"}, {"california", "place"}, {"camera", "possession"},
    {"camping", "hobby"}, {"canada", "place"}, {"candy", "food"}, {"canoeing", "hobby"},
    {"cap", "possession"}, {"car", "vehicle"}, {"caregiver", "job"}, {"carpenter", "job"},
    {"cars", "vehicle"}, {"cashier", "job"}, {"cat", "pet"}, {"cello", "music"}, {"cheese", "food"},
    {"chef", "job"}, {"chess", "hobby"}, {"chicago", "place"}, {"chicken", "food"}, {"chihuahua", "pet"},
    {"child", "family"}, {"children", "family"}, {"chile", "place"}, {"china", "place"},
    {"chocolate", "food"}, {"choir", "music"}, {"classes", "school"}, {"classical", "music"},
    {"clerk", "job"}, {"climbing", "hobby"}, {"coat", "possession"}, {"coats", "possession"},
    {"cockatiel", "pet"}, {"cocktail", "drink"}, {"cocktails", "drink"}, {"coffee", "drink"},
    {"collecting", "hobby"}, {"college", "school"}, {"collie", "pet"}, {"colombia", "place"},
    {"colorado", "place"}, {"comics", "media"}, {"concert", "music"}, {"concerts", "music"},
    {"connecticut", "place"}, {"consultant", "job"}, {"convertible", "vehicle"}, {"cook", "job"},
    {"cookie", "food"}, {"cookies", "food"}, {"cooking", "hobby"}, {"cop", "job"}, {"corgi", "pet"},
    {"corvette", "vehicle"}, {"counselor", "job"}, {"cousin", "family"},
    {"crab", "food"}, {"crafting", "hobby"}, {"crafts", "hobby"}, {"cricket", "sport"},
    {"crocheting", "hobby"}, {"crossfit", "sport"}, {"curry", "food"}, {"cycling", "sport"},
    {"dachshund", "pet"}, {"dad", "family"}, {"dallas", "place"}, {"dancer", "job"}, {"dancing", "hobby"},
    {"daughter", "family"}, {"degree", "school"}, {"delaware", "place"}, {"denmark", "place"},
    {"dentist", "job"}, {"denver", "place"}, {"designer", "job"}, {"detective", "job"}, {"detroit", "place"},
    {"developer", "job"}, {"diving", "hobby"}, {"divorced", "partner"}, {"doberman", "pet"}, {"doctor", "job"},
    {"documentaries", "media"}, {"documentary", "media"}, {"dog", "pet"}, {"donut", "food"},
    {"donuts", "food"}, {"drawing", "hobby"}, {"dress", "possession"}, {"dresses", "possession"},
    {"driver", "job"}, {"drums", "music"}, {"dublin", "place"}, {"earrings", "possession"}, {"editor", "job"},
    {"egypt", "place"}, {"electrician", "job"}, {"engaged", "partner"}, {"engineer", "job"}, {"england", "place"},
    {"espresso", "drink"}, {"europe", "place"}, {"farmer", "job"}, {"father", "family"},
    {"father-in-law", "family"}, {"ferret", "pet"}, {"fiance", "partner"}, {"fiancee", "partner"},
    {"film", "media"}, {"films", "media"}, {"finland", "place"}, {"firefighter", "job"}, {"fish", "pet"},
    {"fishing", "hobby"}, {"florida", "place"}, {"flute", "music"}, {"football", "sport"},
    {"france", "place"}, {"fries", "food"}, {"fruit", "food"}, {"gaming", "hobby"}, {"gardening", "hobby"},
    {"gecko", "pet"}, {"georgia", "place"}, {"gerbil", "pet"}, {"germany", "place"},
    {"girlfriend", "partner"}, {"glasses", "possession"}, {"goat", "pet"}, {"goldfish", "pet"},
    {"golf", "sport"}, {"grad", "school"}, {"grandchild", "family"}, {"grandchildren", "family"},
    {"granddaughter", "family"}, {"grandfather", "family"}, {"grandkid", "family"}, {"grandkids", "family"},
    {"grandma", "family"}, {"grandmother", "family"}, {"grandpa", "family"}, {"grandparents", "family"},
    {"grandson", "family"}, {"greece", "place"}, {"greyhound", "pet"}, {"guitar", "music"}, {"gym", "sport"},
    {"hamster", "pet"}, {"handbag", "possession"}, {"harp", "music"}, {"hat", "possession"},
    {"hats", "possession"}, {"hawaii", "place"}, {"heels", "possession"}, {"highschool", "school"},
    {"hiking", "hobby"}, {"hip-hop", "music"}, {"hiphop", "music"}, {"hockey", "sport"}, {"homemaker", "job"},
    {"hoodie", "possession"}, {"horse", "pet"}, {"housewife", "job"}, {"houston", "place"},
    {"hunting", "hobby"}, {"husband", "partner"}, {"husky", "pet"}, {"ice-cream", "food"}, {"idaho", "place"},
    {"iguana", "pet"}, {"illinois", "place"}, {"in-laws", "family"}, {"india", "place"}, {"indiana", "place"},
    {"indonesia", "place"}, {"iowa", "place"}, {"ireland", "place"}, {"israel", "place"}, {"italy", "place"},
    {"jacket", "possession"}, {"jackets", "possession"}, {"janitor", "job"}, {"japan", "place"},
    {"jazz", "music"}, {"jeans", "possession"}, {"jeep", "vehicle"}, {"jogging", "sport"},
    {"journalist", "job"}, {"judge", "job"}, {"judo", "sport"}, {"juice", "drink"}, {"kansas", "place"},
    {"karaoke", "hobby"}, {"karate", "sport"}, {"kayaking", "hobby"}, {"kentucky", "place"},
    {"kenya", "place"}, {"kid", "family"}, {"kitten", "pet"}, {"knitting", "hobby"}, {"korea", "place"},
    {"lab", "pet"}, {"labrador", "pet"}, {"lacrosse", "sport"}, {"laptop", "possession"}, {"lasagna", "food"},
    {"latte", "drink"}, {"lawyer", "job"}, {"librarian", "job"}, {"lifting", "sport"}, {"lizard", "pet"},
    {"lobster", "food"}, {"london", "place"}, {"louisiana", "place"}, {"madrid", "place"}, {"maine", "place"},
    {"major", "school"}, {"manager", "job"}, {"manga", "media"}, {"manhattan", "place"},
    {"marathon", "sport"}, {"marathons", "sport"}, {"marine", "job"}, {"married", "partner"}, {"martial", "sport"},
    {"maryland", "place"}, {"massachusetts", "place"}, {"masters", "school"}, {"mechanic", "job"},
    {"meditation", "hobby"}, {"melbourne", "place"}, {"metal", "music"}, {"mexico", "place"},
    {"miami", "place"}, {"michigan", "place"}, {"miner", "job"}, {"minnesota", "place"},
    {"mississippi", "place"}, {"missouri", "place"}, {"mlb", "sport"}, {"model", "job"}, {"mom", "family"},
    {"montana", "place"}, {"mother", "family"}, {"mother-in-law", "family"}, {"motorbike", "vehicle"},
    {"motorcycle", "vehicle"}, {"movie", "media"}, {"movies", "media"}, {"mum", "family"},
    {"music", "music"}, {"musician", "job"}, {"mustang", "vehicle"}, {"nanny", "job"}, {"nashville", "place"}, {"nba", "sport"},
    {"nebraska", "place"}, {"necklace", "possession"}, {"nephew", "family"}, {"netflix", "media"},
    {"netherlands", "place"}, {"nevada", "place"}, {"nfl", "sport"}, {"nhl", "sport"}, {"niece", "family"},
    {"nigeria", "place"}, {"noodles", "food"}, {"norway", "place"}, {"novel", "media"}, {"novels", "media"},
    {"nurse", "job"}, {"officer", "job"}, {"ohio", "place"}, {"oklahoma", "place"}, {"opera", "music"},
    {"orchestra", "music"}, {"oregon", "place"}, {"orleans", "place"}, {"painter", "job"},
    {"painting", "hobby"}, {"pancakes", "food"}, {"parakeet", "pet"}, {"paramedic", "job"},
    {"parent", "family"}, {"parents", "family"}, {"paris", "place"}, {"parrot", "pet"},
    {"partner", "partner"}, {"pasta", "food"}, {"pastor", "job"}, {"pennsylvania", "place"},
    {"peru", "place"}, {"pharmacist", "job"}, {"phd", "school"}, {"philippines", "place"},
    {"phoenix", "place"}, {"photographer", "job"}, {"photography", "hobby"}, {"piano", "music"},
    {"pie", "food"}, {"pilates", "sport"}, {"pilot", "job"}, {"pizza", "food"}, {"plumber", "job"},
    {"podcast", "media"}, {"podcasts", "media"}, {"poetry", "hobby"}, {"poland", "place"}, {"police", "job"},
    {"pony", "pet"}, {"poodle", "pet"}, {"pop", "music"}, {"portland", "place"}, {"portugal", "place"},
    {"pottery", "hobby"}, {"priest", "job"}, {"principal", "job"}, {"professor", "job"},
    {"programmer", "job"}, {"psychologist", "job"}, {"pug", "pet"}, {"punk", "music"}, {"puppy", "pet"},
    {"purse", "possession"}, {"puzzles", "hobby"}, {"rabbit", "pet"}, {"racing", "sport"}, {"ramen", "food"},
    {"rancher", "job"}, {"rap", "music"}, {"reading", "hobby"}, {"realtor", "job"}, {"receptionist", "job"},
    {"records", "possession"}, {"reggae", "music"}, {"reporter", "job"}, {"retired", "job"}, {"retiree", "job"},
    {"retriever", "pet"}, {"ring", "possession"}, {"rock", "music"}, {"rome", "place"}, {"rottweiler", "pet"},
    {"rugby", "sport"}, {"running", "sport"}, {"russia", "place"}, {"sailing", "hobby"}, {"salad", "food"},
    {"salesman", "job"}, {"salmon", "food"}, {"sandwich", "food"}, {"saxophone", "music"},
    {"scarf", "possession"}, {"schnauzer", "pet"}, {"school", "school"}, {"scientist", "job"},
    {"scotland", "place"}, {"scuba", "hobby"}, {"sculpting", "hobby"}, {"seafood", "food"},
    {"seattle", "place"}, {"secretary", "job"}, {"semester", "school"}, {"series", "media"},
    {"sewing", "hobby"}, {"shoes", "possession"}, {"shrimp", "food"}, {"sibling", "family"},
    {"siblings", "family"}, {"singer", "job"}, {"singing", "hobby"}, {"sister", "family"},
    {"sisters", "family"}, {"sitcom", "media"}, {"skateboarding", "hobby"}, {"skiing", "sport"},
    {"snake", "pet"}, {"sneakers", "possession"}, {"snowboarding", "hobby"}, {"soccer", "sport"},
    {"soda", "drink"}, {"softball", "sport"}, {"soldier", "job"}, {"son", "family"}, {"soup", "food"},
    {"spaghetti", "food"}, {"spain", "place"}, {"spaniel", "pet"}, {"spouse", "partner"}, {"steak", "food"},
    {"stepdad", "family"}, {"stepdaughter", "family"}, {"stepmom", "family"}, {"stepson", "family"},
    {"streamer", "job"}, {"student", "job"}, {"suit", "possession"}, {"sunglasses", "possession"},
    {"surfing", "sport"}, {"surgeon", "job"}, {"sushi", "food"}, {"suv", "vehicle"},
    {"sweater", "possession"}, {"sweden", "place"}, {"swimming", "sport"}, {"switzerland", "place"},
    {"sydney", "place"}, {"tabby", "pet"}, {"taco", "food"}, {"tacos", "food"}, {"taekwondo", "sport"},
    {"tattoo", "possession"}, {"tattoos", "possession"}, {"tea", "drink"}, {"teacher", "job"},
    {"tennessee", "place"}, {"tennis", "sport"}, {"terrier", "pet"}, {"tesla", "vehicle"}, {"texas", "place"},
    {"thailand", "place"}, {"therapist", "job"}, {"tie", "possession"}, {"toddler", "family"},
    {"toddlers", "family"}, {"tokyo", "place"}, {"toronto", "place"}, {"tortoise", "pet"}, {"trainer", "job"},
    {"traveling", "hobby"}, {"travelling", "hobby"}, {"triathlon", "sport"}, {"truck", "vehicle"},
    {"trucker", "job"}, {"trucks", "vehicle"}, {"trumpet", "music"}, {"tuna", "food"}, {"turkey", "place"},
    {"turtle", "pet"}, {"tutor", "job"}, {"twin", "family"}, {"twins", "family"}, {"ukraine", "place"},
    {"ukulele", "music"}, {"uncle", "family"}, {"university", "school"}, {"utah", "place"},
    {"van", "vehicle"}, {"vancouver", "place"}, {"vegan", "diet"}, {"vegas", "place"}, {"vegetables", "food"},
    {"vegetarian", "diet"}, {"vermont", "place"}, {"vet", "job"}, {"veteran", "job"}, {"veterinarian", "job"},
    {"vietnam", "place"}, {"vinyl", "possession"}, {"violin", "music"}, {"virginia", "place"},
    {"vodka", "drink"}, {"volleyball", "sport"}, {"volunteering", "hobby"}, {"waiter", "job"},
    {"waitress", "job"}, {"wales", "place"}, {"washington", "place"}, {"weightlifting", "sport"},
    {"welder", "job"}, {"whiskey", "drink"}, {"whisky", "drink"}, {"widowed", "partner"}, {"wife", "partner"}, {"wine", "drink"},
    {"wisconsin", "place"}, {"woodworking", "hobby"}, {"workout", "sport"}, {"workouts", "sport"},
    {"wrestling", "sport"}, {"writer", "job"}, {"writing", "hobby"}, {"wyoming", "place"}, {"yoga", "sport"},
    {"youtuber", "job"}, {"zealand", "place"},
};

// Sorted. Words that describe nothing on their own in chat.
constexpr std::string_view kLight[] = {
    "able", "about", "absolutely", "actually", "advice", "afternoon", "age", "ago", "ahead", "almost", "alone",
    "alot", "already", "alright", "amazing", "anniversary", "answer", "anymore", "anyone", "anything",
    "anytime", "anyway", "anyways", "appreciate", "area", "aw", "away", "awesome", "aww", "awww", "back", "bad",
    "bday", "began", "believe", "best", "bet", "better", "birthday", "bit", "bought", "bring", "brought",
    "bucks", "bunch", "busy", "came", "can't", "care", "careful", "case", "certainly", "chance", "cheers",
    "come", "comes", "coming", "completely", "congrats", "congratulations", "cool", "couple", "crazy", "cute",
    "day", "days", "deal", "decade", "decades", "decent", "decide", "decided", "definitely", "different",
    "does", "doing", "dollars", "done", "easy", "eight", "eleven", "else", "end", "enjoy", "enjoyed",
    "enjoying", "enjoys", "enough", "especially", "even", "evening", "evenings", "ever", "every", "everybody",
    "everyday", "everyone", "everything", "exactly", "example", "excited", "experience", "experiences", "fact",
    "fantastic", "far", "favorite", "favorites", "favourite", "favourites", "feel", "feeling", "felt", "few",
    "fifth", "fifty", "finally", "find", "fine", "first", "five", "forty", "forward", "forwards", "found",
    "four", "fourth", "friday", "fun", "gave", "get", "gets", "getting", "give", "given", "glad", "goes",
    "going", "gone", "gonna", "good", "gosh", "got", "gotten", "great", "guess", "guessing", "guy", "guys",
    "ha", "hah", "haha", "hahah", "hahaha", "hand", "handle", "hands", "happen", "happened", "happening",
    "happy", "hard", "hate", "hear", "heard", "heh", "hehe", "help", "helping", "helps", "hm", "hmm",
    "honestly", "hope", "hopefully", "hour", "hours", "huge", "hundred", "hundreds", "idea", "ideas", "imagine",
    "important", "inside", "instead", "interested", "interesting", "just", "keep", "kept", "key", "kg", "kilo",
    "kilos", "kind", "kinds", "km", "know", "last", "later", "lbs", "least", "leave", "let", "lets", "life",
    "like", "liked", "likes", "list", "literally", "little", "lmao", "lmfao", "lol", "long", "look", "looked",
    "looking", "looks", "lot", "lots", "love", "loved", "lovely", "loves", "loving", "luck", "lucky", "mad",
    "made", "main", "make", "makes", "making", "man", "matter", "maybe", "mean", "meant", "meantime", "met",
    "mhm", "mile", "miles", "million", "mind", "mine", "minute", "minutes", "moment", "moments", "monday",
    "mondays", "month", "months", "morning", "mornings", "mostly", "move", "much", "must", "nah", "near",
    "need", "news", "next", "nice", "night", "nights", "nine", "nothing", "number", "often", "oh", "ohh",
    "okay", "one", "ones", "ooh", "option", "options", "others", "outside", "paid", "part", "parts", "people",
    "percent", "perfect", "person", "place", "places", "plan", "planning", "plans", "point", "possible",
    "pounds", "pretty", "probably", "problem", "problems", "put", "question", "questions", "quite", "rather",
    "ready", "real", "really", "reason", "recently", "remember", "right", "rofl", "said", "saturday", "say",
    "second", "see", "seeing", "seem", "seemed", "seems", "seen", "self", "sense", "sent", "set", "seven",
    "several", "share", "should", "show", "side", "since", "six", "small", "somebody", "someday", "someone",
    "something", "sometimes", "soon", "sorry", "sort", "sound", "sounds", "spare", "special", "spend",
    "spending", "spent", "stay", "still", "stuff", "sunday", "super", "sure", "take", "taken", "taking", "talk",
    "talked", "talking", "tell", "ten", "terrible", "thank", "thanks", "thats", "there's", "thing", "things",
    "think", "thinking", "third", "thirty", "though", "thought", "thousand", "thousands", "three", "through",
    "thursday", "time", "times", "today", "together", "told", "tomorrow", "tonight", "took", "totally", "tough",
    "tried", "true", "try", "trying", "tuesday", "twelve", "twenty", "two", "type", "types", "understand",
    "understood", "used", "usually", "wait", "want", "wanted", "wanting", "wants", "way", "wednesday", "week",
    "weekend", "weekends", "welcome", "well", "went", "whatever", "while", "whole", "wish", "wonder",
    "wonderful", "wondering", "word", "words", "worried", "worry", "worse", "worth", "wow", "xd", "yay", "yea",
    "yeah", "year", "years", "yep", "yes", "yesterday", "yet", "yup",
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
    "bright", "broken", "calm", "challenging", "cheap", "clean", "clear", "close", "cold", "common", "complete",
    "confident", "crowded", "dark", "dead", "deep", "delicious", "difficult", "dirty", "early", "easier",
    "empty", "entire", "exciting", "expensive", "extra", "fair", "familiar", "famous", "fancy", "fast", "fat",
    "fit", "free", "fresh", "friendly", "full", "general", "gentle", "giant", "harder", "healthy", "heavy",
    "high", "honest", "hot", "huge", "hungry", "ill", "large", "late", "lazy", "light", "local", "lonely",
    "loud", "low", "major", "modern", "natural", "nearby", "neat", "new", "newer", "newest", "normal", "old",
    "older", "oldest", "open", "ordinary", "original", "particular", "past", "perfect", "personal", "plain",
    "poor", "popular", "positive", "private", "proud", "public", "quick", "quiet", "rare", "raw", "regular",
    "rewarding", "rich", "rough", "sad", "safe", "scary", "serious", "sharp", "short", "sick", "silly",
    "similar", "simple", "single", "slow", "smart", "soft", "specific", "strange", "strict", "strong", "stupid",
    "sweet", "tall", "tight", "tiny", "tired", "typical", "ugly", "unique", "upset", "useful", "various",
    "warm", "weird", "wet", "wide", "wild", "wise", "wrong", "young", "younger", "youngest",
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
