// rapport_gen: a deterministic generator of X API v2 search pages for benchmarks.
//
//   rapport_gen --posts N [--people P] [--seed S] [--days D] --out FILE
//
// Writes N posts as JSON Lines, one `search/recent`-shaped page of 100 posts
// per line (newest first inside a page):
//   {"data":[{id, text, author_id, conversation_id, created_at, lang,
//             in_reply_to_user_id, entities{mentions,hashtags,urls},
//             public_metrics, edit_history_tweet_ids, referenced_tweets}...],
//    "includes":{"users":[{id,username,name}...]},
//    "meta":{newest_id, oldest_id, result_count, next_token}}
//
// What is in it: P people (Default: min(20000, max(20, N/50)), so 1M posts
// have 20k people and 3M posts the SAME 20k people). Each person has a
// persona drawn from a PRNG seeded by (seed, person index) only, so a person
// and the topic vocabulary do not depend on N: a pet with a name, a relative,
// two hobbies, a job at an organisation, a city, maybe a team, a diet, a
// possession, a birthday, friends, and eight chatter topics. Posts are
// chatter, recurring personal facts in varied templates, replies in threads
// between friends (leading @mention, in_reply_to_user_id, replied_to),
// "happy birthday @friend" greetings on the friend's birthday, retweets,
// URLs (t.co with expanded_url), hashtags (CamelCase), emoji (incl. ZWJ and
// skin tones), "&amp;" as X sends it, and ~10% non-English (es, fr, pt, ja)
// from people who post in another language. Timestamps cover D days
// (Default: 365) whatever N is, so more posts means denser days, not more of
// them. Snowflake-style ids grow with time.
//
// Deterministic: the same arguments give the same bytes on any platform (own
// splitmix64 PRNG and integer arithmetic; no std::*_distribution).
#include <algorithm>
#include <cerrno>
#include <cinttypes>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

namespace rapport::bench {
namespace {

// ---------------------------------------------------------------------------
// PRNG: splitmix64, with Lemire's multiply-shift for bounded integers.

class Rng {
 public:
  explicit Rng(uint64_t seed) : state_(seed) {}
  uint64_t Next() {
    uint64_t z = (state_ += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  // Uniform in [0, n). REQUIRES: n > 0.
  uint64_t Below(uint64_t n) { return static_cast<uint64_t>((static_cast<unsigned __int128>(Next()) * n) >> 64); }
  // True with probability percent/100.
  bool Percent(uint32_t percent) { return Below(100) < percent; }
  template <typename T, size_t N>
  const T& Pick(const T (&arr)[N]) {
    return arr[Below(N)];
  }

 private:
  uint64_t state_;
};

uint64_t Mix(uint64_t a, uint64_t b) {
  Rng r(a * 0x9E3779B97F4A7C15ull ^ (b + 0x632BE59BD9B4E019ull));
  r.Next();
  return r.Next();
}

// ---------------------------------------------------------------------------
// Vocabulary. Fixed: the same for any N.

const char* const kFirst[] = {
    "Dana", "Sam", "Priya", "Alex", "Jordan", "Maya", "Liam", "Noah", "Emma", "Olivia", "Ava", "Mia", "Lucas",
    "Ethan", "Zoe", "Chloe", "Leo", "Isla", "Finn", "Cara", "Quin", "Tess", "Vera", "Iris", "Jon", "Wren",
    "Omar", "Fatima", "Yuki", "Kenji", "Sofia", "Mateo", "Lucia", "Diego", "Amara", "Kofi", "Nia", "Ravi",
    "Anika", "Mei", "Chen", "Hana", "Ines", "Pedro", "Ana", "Joao", "Camille", "Louis", "Elodie", "Hugo",
    "Greta", "Lars", "Freya", "Nils", "Aoife", "Ciaran", "Siobhan", "Eamon", "Rosa", "Marco", "Giulia",
    "Luca", "Elena", "Ivan", "Olga", "Dmitri", "Sasha", "Tariq", "Layla", "Zain", "Aisha", "Malik", "Imani",
    "Tyler", "Brooke", "Casey", "Riley", "Avery", "Parker", "Quinn", "Rowan", "Sage", "Skye", "Blake",
    "Morgan", "Harper", "Ellis", "Jude", "Nora", "Ruth", "Hazel", "Violet", "Felix", "Oscar", "Arthur",
    "Theo", "Ada", "Grace", "Ben", "Kai"};
const char* const kLast[] = {
    "Rios", "Okafor", "Nair", "Chen", "Lee", "Novak", "Patel", "Garcia", "Rossi", "Smith", "Moss", "Frost",
    "Ortiz", "Kim", "Nguyen", "Tanaka", "Sato", "Silva", "Santos", "Costa", "Dubois", "Martin", "Bernard",
    "Muller", "Schmidt", "Larsen", "Berg", "Murphy", "Kelly", "Byrne", "Romano", "Ricci", "Ivanova", "Popov",
    "Haddad", "Khan", "Ali", "Mensah", "Owusu", "Adeyemi", "Brown", "Wilson", "Taylor", "Clark", "Lewis",
    "Walker", "Young", "King", "Wright", "Scott", "Green", "Baker", "Adams", "Nelson", "Hill", "Campbell",
    "Mitchell", "Roberts", "Carter", "Phillips", "Evans", "Turner", "Torres", "Parker", "Collins", "Edwards",
    "Stewart", "Flores", "Morris", "Murray", "Reyes", "Cruz", "Ramos", "Jensen", "Holm", "Lind", "Fischer",
    "Weber", "Wagner", "Becker", "Hoffmann", "Kowalski", "Nowak", "Horvat", "Petrov", "Yilmaz", "Demir",
    "Sharma", "Gupta", "Iyer", "Rao", "Das", "Bose", "Wong", "Lam", "Ho", "Park", "Choi", "Jung", "Ogawa"};

const char* const kPetNames[] = {
    "Rover", "Biscuit", "Luna", "Miso", "Pepper", "Max", "Bella", "Charlie", "Daisy", "Milo", "Cooper",
    "Buttercup", "Nala", "Simba", "Oreo", "Ziggy", "Pickles", "Waffles", "Mochi", "Tofu", "Peanut", "Bean",
    "Scout", "Hazelnut", "Juniper", "Pumpkin", "Noodle", "Maple", "Ginger", "Shadow", "Smokey", "Bandit",
    "Duke", "Rocky", "Teddy", "Winston", "Poppy", "Rosie", "Lola", "Ruby", "Olive", "Willow", "Apollo",
    "Zeus", "Loki", "Thor", "Koda", "Bear", "Sunny", "Cocoa", "Sprout", "Fig", "Clover", "Pixel", "Domino",
    "Pretzel", "Nugget", "Marble", "Sesame", "Basil"};
struct Species {
  const char* name;   // "dog"
  const char* sound;  // what it does that people post about
};
const Species kSpecies[] = {{"dog", "barked at the mailman all morning"},
                            {"cat", "knocked my coffee off the desk"},
                            {"puppy", "chewed through another shoe"},
                            {"kitten", "climbed the curtains again"},
                            {"horse", "refused to go near the puddle"},
                            {"parrot", "learned to whistle the ringtone"},
                            {"rabbit", "dug a tunnel under the fence"},
                            {"golden retriever", "rolled in something awful at the park"},
                            {"black lab", "stole a whole loaf off the counter"},
                            {"tortoise", "escaped the garden for the third time"},
                            {"hamster", "ran on the wheel all night"},
                            {"border collie", "herded the kids into the kitchen"}};
const char* const kPetActs[] = {"sleeps the whole afternoon after a long walk", "is snoring on the couch",
                                "learned a new trick today", "stole my sandwich", "is scared of the vacuum",
                                "was waiting at the door when I got home", "hates the rain"};

struct Relative {
  const char* rel;
  bool female;
};
const Relative kRelatives[] = {{"daughter", true}, {"son", false},    {"wife", true},   {"husband", false},
                               {"sister", true},   {"brother", false}, {"mom", true},    {"dad", false},
                               {"niece", true},    {"nephew", false},  {"grandson", false}, {"granddaughter", true}};
const char* const kRelativeNews[] = {"scored her first goal today", "lost her first tooth", "passed her driving test",
                                     "got into university", "started a new school", "finished her first 10k"};

struct Hobby {
  const char* noun;  // "sourdough baking"
  const char* verb;  // "baking sourdough"
  const char* tag;   // "SourdoughBaking"
};
const Hobby kHobbies[] = {
    {"sourdough baking", "baking sourdough", "SourdoughBaking"},
    {"rock climbing", "climbing at the gym", "RockClimbing"},
    {"jazz piano", "practising jazz piano", "JazzPiano"},
    {"marathon training", "running long miles", "MarathonTraining"},
    {"vegetable gardening", "weeding the tomato beds", "GardeningLife"},
    {"knitting", "knitting a new scarf", "KnittingAddict"},
    {"chess", "playing chess online", "ChessTwitter"},
    {"birdwatching", "watching birds at the lake", "BirdWatching"},
    {"film photography", "shooting film", "FilmPhotography"},
    {"surfing", "surfing the morning waves", "SurfLife"},
    {"woodworking", "building a bookshelf", "WoodWorking"},
    {"pottery", "throwing pots at the studio", "PotteryLove"},
    {"yoga", "doing yoga at sunrise", "YogaEveryDay"},
    {"road cycling", "cycling the coast road", "RoadCycling"},
    {"fly fishing", "fishing the river", "FlyFishing"},
    {"hiking", "hiking the ridge trail", "HikingAdventures"},
    {"board games", "playing board games with friends", "BoardGameNight"},
    {"vinyl collecting", "digging through record crates", "VinylCollection"},
    {"trail running", "running muddy trails", "TrailRunning"},
    {"salsa dancing", "dancing salsa", "SalsaDancing"},
    {"watercolor painting", "painting watercolors", "WatercolorArt"},
    {"beekeeping", "checking on the hives", "BeeKeeping"},
    {"home brewing", "brewing a new batch of beer", "HomeBrewing"},
    {"crossword puzzles", "doing the crossword", "CrosswordPuzzle"},
    {"skateboarding", "skating at the park", "SkateLife"},
    {"open water swimming", "swimming in the lake", "OpenWaterSwimming"},
    {"tennis", "playing tennis", "TennisLife"},
    {"golf", "playing nine holes", "GolfLife"},
    {"camping", "camping under the stars", "CampingTrip"},
    {"classical guitar", "practising guitar scales", "ClassicalGuitar"},
    {"choir singing", "rehearsing with the choir", "ChoirLife"},
    {"astronomy", "looking at Saturn through the telescope", "Astronomy"},
    {"calligraphy", "practising calligraphy", "CalligraphyArt"},
    {"cosplay", "sewing a new costume", "CosplayLife"},
    {"kayaking", "kayaking down the river", "KayakLife"},
    {"mountain biking", "riding the forest trails", "MountainBiking"},
    {"baking pastries", "laminating croissant dough", "PastryChef"},
    {"model trains", "building a model railway", "ModelRailway"},
    {"bouldering", "bouldering at the climbing wall", "Bouldering"},
    {"sailing", "sailing around the bay", "SailingLife"}};

struct Job {
  const char* title;
  const char* grind;  // what a long day looks like
};
const Job kJobs[] = {{"nurse", "twelve hour shift on the ward"},
                     {"teacher", "marking thirty essays"},
                     {"software engineer", "debugging a flaky test all afternoon"},
                     {"electrician", "rewiring an old house"},
                     {"accountant", "closing the quarter"},
                     {"chef", "double shift in the kitchen"},
                     {"barista", "the morning rush"},
                     {"firefighter", "night shift at the station"},
                     {"pharmacist", "flu season at the counter"},
                     {"architect", "redrawing the plans again"},
                     {"librarian", "story time with forty toddlers"},
                     {"paramedic", "back to back calls"},
                     {"graphic designer", "the client wanting the logo bigger"},
                     {"mechanic", "three gearboxes in one day"},
                     {"dentist", "root canals all morning"},
                     {"lawyer", "reading contracts until midnight"},
                     {"plumber", "a burst pipe at six in the morning"},
                     {"data analyst", "cleaning spreadsheets"},
                     {"journalist", "chasing a deadline"},
                     {"veterinarian", "vaccinating a whole litter of puppies"},
                     {"physiotherapist", "back to back appointments"},
                     {"pilot", "an early flight out"},
                     {"carpenter", "framing a new extension"},
                     {"social worker", "home visits across town"},
                     {"photographer", "a wedding shoot in the rain"}};
const char* const kOrgPrefix[] = {"Globex",    "Initech",  "Northwind", "Hooli",    "Acme",     "Umbrella",
                                  "Stark",     "Wayne",    "Vandelay",  "Soylent",  "Cyberdyne", "Tyrell",
                                  "Gringotts", "Oceanic",  "Pied Piper", "Massive Dynamic", "Wonka", "Monarch",
                                  "Dunder",    "Bluth"};
const char* const kOrgSuffix[] = {"Labs", "Health", "Logistics", "Foods", "Bank", "Studios", "Hospital", "Systems",
                                  "Works", "Group"};
const char* const kCities[] = {
    "Chicago", "Lisbon", "Sydney", "Toronto", "Dublin", "Austin", "Denver", "Seattle", "Boston", "Portland",
    "Melbourne", "Auckland", "Edinburgh", "Manchester", "Bristol", "Leeds", "Glasgow", "Cardiff", "Berlin",
    "Hamburg", "Munich", "Amsterdam", "Rotterdam", "Copenhagen", "Stockholm", "Oslo", "Helsinki", "Madrid",
    "Barcelona", "Valencia", "Porto", "Paris", "Lyon", "Marseille", "Rome", "Milan", "Naples", "Vienna",
    "Prague", "Warsaw", "Krakow", "Budapest", "Athens", "Istanbul", "Cairo", "Nairobi", "Lagos", "Accra",
    "Cape Town", "Mumbai", "Bangalore", "Delhi", "Singapore", "Tokyo", "Osaka", "Seoul", "Taipei", "Manila",
    "Vancouver", "Montreal", "Atlanta", "Miami", "Phoenix", "San Diego", "Nashville", "Minneapolis",
    "Pittsburgh", "Baltimore", "Philadelphia", "Brooklyn", "Oakland", "Sacramento", "Albuquerque", "Tucson",
    "Buenos Aires", "Santiago", "Lima", "Bogota", "Mexico City", "Guadalajara"};
struct Team {
  const char* name;
  const char* tag;
};
const Team kTeams[] = {{"Arsenal", "COYG"},         {"the Lakers", "LakeShow"},     {"the Cubs", "GoCubs"},
                       {"Liverpool", "YNWA"},       {"the Yankees", "RepBX"},       {"Celtic", "CelticFC"},
                       {"the Packers", "GoPackGo"}, {"Benfica", "SLBenfica"},       {"the Raptors", "WeTheNorth"},
                       {"Juventus", "ForzaJuve"},   {"the Warriors", "DubNation"},  {"Ajax", "AjaxAmsterdam"},
                       {"the Red Sox", "DirtyWater"}, {"Boca Juniors", "VamosBoca"}, {"the All Blacks", "AllBlacks"},
                       {"Dortmund", "BVB"}};
const char* const kPossessions[] = {
    "velvet jacket", "vintage camera", "red bike", "old Volvo", "new kayak", "leather boots", "record player",
    "cast iron pan", "denim jacket", "wool coat", "blue guitar", "vintage typewriter", "mountain bike",
    "green scooter", "film camera", "espresso machine", "yellow raincoat", "silver watch", "standing desk",
    "hammock"};
const char* const kDiets[] = {"I don't eat meat, so the barbecue was mostly salad for me",
                              "Being vegetarian is easier than I expected",
                              "I'm allergic to peanuts so I read every label twice",
                              "I don't drink coffee anymore and I sleep so much better",
                              "Going vegan this year, the lentil curry was amazing",
                              "I can't eat gluten, found a great bakery that gets it"};

// Chatter topics: each person draws eight; the whole vocabulary is fixed.
const char* const kTopics[] = {
    "electric cars", "the housing market", "remote work", "space launches", "climate change", "AI art",
    "solar panels", "the new iPhone", "interest rates", "the price of eggs", "standing desks", "noise cancelling headphones",
    "true crime podcasts", "sourdough starters", "cold plunges", "minimalism", "the four day week", "mechanical keyboards",
    "indoor plants", "meal prep", "language learning", "bullet journals", "the local election", "the bus strike",
    "the new bike lanes", "the farmers market", "the heat wave", "the snow storm", "the power cut", "the new stadium",
    "board game cafes", "vinyl reissues", "retro video games", "fantasy football", "the world cup", "the olympics",
    "the eclipse", "northern lights", "daylight saving time", "spring cleaning", "thrift shopping", "meal kits",
    "smart watches", "e-readers", "audiobooks", "night markets", "street food", "coffee roasting", "matcha lattes",
    "kombucha", "ramen", "tacos", "dim sum", "pizza ovens", "air fryers", "slow cookers", "road trips",
    "train travel", "cheap flights", "camper vans", "house plants", "urban gardening", "composting", "bird feeders",
    "electric scooters", "marathon season", "parkrun", "home workouts", "pilates", "sleep tracking",
    "screen time", "dad jokes", "crossword apps", "jigsaw puzzles", "escape rooms", "karaoke nights", "open mic nights",
    "stand up comedy", "film festivals", "book clubs", "library cards", "museum nights", "art galleries", "street art"};
const char* const kShows[] = {"The Bear", "Severance", "Slow Horses", "Succession", "The Last of Us", "Ted Lasso",
                              "Shogun", "Fleabag", "Dark", "Arcane", "Bluey", "Taskmaster", "Great British Bake Off"};
const char* const kDishes[] = {"shakshuka", "banana bread", "lasagna", "pad thai", "chili", "risotto", "dumplings",
                               "paella", "lentil soup", "fish tacos", "carbonara", "bibimbap", "focaccia"};
const char* const kMonths[] = {"January", "February", "March", "April", "May", "June", "July",
                               "August", "September", "October", "November", "December"};
const char* const kEmoji[] = {"😂", "❤️", "🙏", "🔥", "😊", "🎉", "👍🏽", "🏃‍♀️", "👨‍👩‍👧", "🐶", "🐱", "☕", "🌧️",
                              "🇪🇸", "😅", "🥳", "💪", "🙌🏻", "✨", "😭", "🤦‍♂️", "🌱", "📚", "⚽"};
const char* const kGenericTags[] = {"MondayMotivation", "ThrowbackThursday", "FridayFeeling", "WeekendVibes",
                                    "CoffeeTime", "RainyDay", "NowPlaying", "BookTwitter", "FoodPics", "TBT"};
const char* const kDomains[] = {"www.nytimes.com", "www.theguardian.com", "www.bbc.co.uk", "medium.com",
                                "www.youtube.com", "open.spotify.com", "github.com", "www.instagram.com",
                                "www.strava.com", "www.reddit.com", "www.seriouseats.com", "apnews.com"};

// Non-English posts: {lang, template}; %P is a pet name, %C a city.
struct Foreign {
  const char* lang;
  const char* text;
};
const Foreign kForeign[] = {
    {"es", "Mi perro %P durmió toda la tarde después del paseo 🐶"},
    {"es", "Qué calor hace hoy en %C, no se puede salir"},
    {"es", "¡Feliz viernes a todos! Por fin fin de semana"},
    {"es", "Acabo de terminar un libro buenísimo, se lo recomiendo a todos"},
    {"es", "Mañana empiezo el nuevo trabajo, estoy nerviosa"},
    {"es", "La paella de mi abuela sigue siendo la mejor del mundo"},
    {"fr", "Mon chat %P a encore renversé mon café ce matin"},
    {"fr", "Il pleut encore à %C, quelle surprise"},
    {"fr", "Enfin le week-end ! On part faire de la randonnée"},
    {"fr", "Ce nouveau café près du bureau est vraiment excellent"},
    {"fr", "Je commence le marathon d'entraînement demain, souhaitez-moi bonne chance"},
    {"pt", "Meu cachorro %P aprendeu um truque novo hoje"},
    {"pt", "Que dia lindo em %C, praia depois do trabalho"},
    {"pt", "Alguém mais viciado nessa série nova? Não consigo parar"},
    {"pt", "Finalmente terminei a reforma da cozinha, ficou incrível"},
    {"ja", "今日は%Pと公園で散歩しました。とても楽しかった！"},
    {"ja", "%Cは今日も雨です。傘を忘れないでね"},
    {"ja", "新しいカフェのラテが美味しすぎる☕"},
    {"ja", "週末はずっと家でゲームをしていました"},
    {"ja", "明日から新しい仕事が始まります。頑張ります！"}};
const char* const kForeignLangs[] = {"es", "fr", "pt", "ja"};

// ---------------------------------------------------------------------------
// People.

struct Person {
  std::string id, username, name;
  int species = 0, pet = 0, relative = 0, relative_name = 0, hobby[2] = {0, 0}, job = 0, org_prefix = 0,
      org_suffix = 0, city = 0, team = -1, diet = -1, possession = -1;
  int birthday = 0;    // day of year, 0..364
  int new_job_day = -1;  // day of the corpus on which friends congratulate a new job, or -1
  const char* lang = "en";  // a second language (posts mostly in it) or "en"
  int topics[8] = {};
  std::vector<uint32_t> friends;
};

Person MakePerson(uint64_t seed, uint32_t index, uint32_t people) {
  Rng r(Mix(seed, 0x9E0000000ull + index));
  Person p;
  const char* first = r.Pick(kFirst);
  const char* last = r.Pick(kLast);
  p.id = std::to_string(1500000000ull + static_cast<uint64_t>(index) * 7919u % 900000000u + index % 7);
  p.name = std::string(first) + " " + last;
  std::string handle = std::string(first) + "_" + last + std::to_string(index);
  for (char& c : handle) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c == ' ' ? '_' : c);
  p.username = handle;
  p.species = static_cast<int>(r.Below(std::size(kSpecies)));
  p.pet = static_cast<int>(r.Below(std::size(kPetNames)));
  p.relative = static_cast<int>(r.Below(std::size(kRelatives)));
  p.relative_name = static_cast<int>(r.Below(std::size(kFirst)));
  p.hobby[0] = static_cast<int>(r.Below(std::size(kHobbies)));
  p.hobby[1] = static_cast<int>((p.hobby[0] + 1 + r.Below(std::size(kHobbies) - 1)) % std::size(kHobbies));
  p.job = static_cast<int>(r.Below(std::size(kJobs)));
  p.org_prefix = static_cast<int>(r.Below(std::size(kOrgPrefix)));
  p.org_suffix = static_cast<int>(r.Below(std::size(kOrgSuffix)));
  p.city = static_cast<int>(r.Below(std::size(kCities)));
  if (r.Percent(45)) p.team = static_cast<int>(r.Below(std::size(kTeams)));
  if (r.Percent(20)) p.diet = static_cast<int>(r.Below(std::size(kDiets)));
  if (r.Percent(50)) p.possession = static_cast<int>(r.Below(std::size(kPossessions)));
  p.birthday = static_cast<int>(r.Below(365));
  if (r.Percent(8)) p.new_job_day = static_cast<int>(r.Below(365));
  if (r.Percent(16)) p.lang = r.Pick(kForeignLangs);
  for (int& t : p.topics) t = static_cast<int>(r.Below(std::size(kTopics)));
  // Friends: mostly neighbours by index (communities), a few far away.
  const uint32_t n_friends = 6 + static_cast<uint32_t>(r.Below(6));
  for (uint32_t i = 0; i < n_friends && people > 1; ++i) {
    uint32_t f = r.Percent(80) ? static_cast<uint32_t>((index + 1 + r.Below(std::min<uint32_t>(200, people - 1))) % people)
                               : static_cast<uint32_t>(r.Below(people));
    if (f != index) p.friends.push_back(f);
  }
  if (p.friends.empty() && people > 1) p.friends.push_back((index + 1) % people);
  return p;
}

std::string Org(const Person& p) { return std::string(kOrgPrefix[p.org_prefix]) + " " + kOrgSuffix[p.org_suffix]; }

// ---------------------------------------------------------------------------
// Post text. A Text tracks its length in code points so entities get X's
// offsets (X counts code points in start/end).

struct Mention {
  uint32_t person;
  uint32_t start, end;
};
struct Tag {
  std::string tag;
  uint32_t start, end;
};
struct Url {
  std::string url, expanded, display;
  uint32_t start, end;
};

class Text {
 public:
  void Add(std::string_view s) {
    s_.append(s);
    for (unsigned char c : s) cps_ += (c & 0xC0) != 0x80;
  }
  void AddMention(const Person& who, uint32_t index) {
    const uint32_t start = cps_;
    Add("@");
    Add(who.username);
    mentions.push_back({index, start, cps_});
  }
  void AddHashtag(std::string_view tag) {
    const uint32_t start = cps_;
    Add("#");
    Add(tag);
    tags.push_back({std::string(tag), start, cps_});
  }
  void AddUrl(Rng& r) {
    static const char kAlnum[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    std::string tco = "https://t.co/";
    for (int i = 0; i < 10; ++i) tco.push_back(kAlnum[r.Below(62)]);
    const char* domain = r.Pick(kDomains);
    char date[32];
    std::snprintf(date, sizeof date, "/%d/%d/", 2020 + static_cast<int>(r.Below(6)), 1 + static_cast<int>(r.Below(12)));
    std::string path = date;
    const char* words[] = {"story", "guide", "review", "why", "how", "best", "new", "city", "food", "run", "plan"};
    for (int i = 0, n = 2 + static_cast<int>(r.Below(4)); i < n; ++i) {
      if (i) path.push_back('-');
      path.append(words[r.Below(11)]);
    }
    std::string expanded = std::string("https://") + domain + path;
    std::string display = std::string(domain).substr(std::string_view(domain).rfind("www.", 0) == 0 ? 4 : 0) + path;
    if (display.size() > 26) display = display.substr(0, 26) + "…";
    const uint32_t start = cps_;
    Add(tco);
    urls.push_back({tco, expanded, display, start, cps_});
  }
  const std::string& str() const { return s_; }
  bool empty() const { return s_.empty(); }

  std::vector<Mention> mentions;
  std::vector<Tag> tags;
  std::vector<Url> urls;

 private:
  std::string s_;
  uint32_t cps_ = 0;
};

// Replaces "{x}" placeholders by the values in `subs` ({"x", "value"} pairs).
std::string Fill(std::string_view tmpl, std::initializer_list<std::pair<std::string_view, std::string_view>> subs) {
  std::string out;
  out.reserve(tmpl.size() + 32);
  for (size_t i = 0; i < tmpl.size();) {
    if (tmpl[i] == '{') {
      size_t close = tmpl.find('}', i);
      std::string_view name = tmpl.substr(i + 1, close - i - 1);
      for (const auto& [k, v] : subs)
        if (k == name) {
          out.append(v);
          break;
        }
      i = close + 1;
    } else {
      out.push_back(tmpl[i++]);
    }
  }
  return out;
}

// One sentence stating a personal fact of `p`, in one of several templates.
std::string FactSentence(const Person& p, Rng& r) {
  const Species& sp = kSpecies[p.species];
  const char* pet = kPetNames[p.pet];
  const Relative& rel = kRelatives[p.relative];
  const char* relname = kFirst[p.relative_name];
  const Hobby& h = kHobbies[p.hobby[r.Below(2)]];
  const Job& job = kJobs[p.job];
  const std::string org = Org(p);
  const char* city = kCities[p.city];
  std::string n = std::to_string(2 + r.Below(40));
  for (;;) {
    switch (r.Below(9)) {
      case 0: {  // pet
        const char* t[] = {"My {sp} {pet} {act}.", "{pet} {sound} {emo}", "Took {pet} to the vet this morning. Poor {sp} hates the car.",
                           "Nothing beats a long walk with my {sp} {pet} after work", "{pet} turned {n} today! Best {sp} ever",
                           "Anyone else's {sp} do this? {pet} {sound}", "Our {sp} {pet} {act}"};
        return Fill(r.Pick(t), {{"sp", sp.name}, {"pet", pet}, {"act", r.Pick(kPetActs)}, {"sound", sp.sound},
                                {"emo", r.Pick(kEmoji)}, {"n", n}});
      }
      case 1: {  // relative
        std::string news = r.Pick(kRelativeNews);
        if (!rel.female) {
          for (size_t at; (at = news.find("her ")) != std::string::npos;) news.replace(at, 4, "his ");
        }
        const char* t[] = {"My {rel} {name} {news}! So proud", "Picked up {name} today, my {rel} is growing up so fast",
                           "{name} {news}. My {rel} is a star", "Weekend with my {rel} {name}, exactly what I needed"};
        return Fill(r.Pick(t), {{"rel", rel.rel}, {"name", relname}, {"news", news}});
      }
      case 2:
      case 3: {  // hobby
        const char* t[] = {"Back at {hobby} tonight, my arms are done", "Spent the whole Saturday {verb}.",
                           "I love {hobby}, it clears my head", "Day {n} of {hobby}. Slowly getting better!",
                           "Finally signed up for a {hobby} class downtown", "{Verb} before work is the best way to start the day",
                           "Been {verb} every weekend this month"};
        std::string verb_cap = h.verb;
        verb_cap[0] = static_cast<char>(verb_cap[0] - 'a' + 'A');
        return Fill(r.Pick(t), {{"hobby", h.noun}, {"verb", h.verb}, {"Verb", verb_cap}, {"n", n}});
      }
      case 4: {  // job
        const char* t[] = {"Long day at {org} today. Being a {job} is no joke.", "I work as a {job} at {org} and some days are wild",
                           "{grind}. Another day at {org}", "I'm a {job}, so weekends are precious",
                           "Life as a {job}: {grind}"};
        std::string grind = job.grind;
        grind[0] = static_cast<char>(grind[0] - 'a' + 'A');
        const char* tm = r.Pick(t);
        return Fill(tm, {{"org", org}, {"job", job.title}, {"grind", tm[0] == '{' ? grind : std::string(job.grind)}});
      }
      case 5: {  // place
        const char* t[] = {"Rainy day in {city} again", "Love living in {city}, the food scene is unreal",
                           "Back home in {city} after a week away", "I live in {city} and the summers are brutal",
                           "Sunset over {city} tonight was unreal"};
        return Fill(r.Pick(t), {{"city", city}});
      }
      case 6:  // team
        if (p.team < 0) continue;
        {
          const char* t[] = {"What a game by {team} last night!", "I've supported {team} since I was a kid",
                             "{Team} need a new coach, honestly", "Watching {team} with my {rel} tonight"};
          std::string team = kTeams[p.team].name, cap = team;
          cap[0] = static_cast<char>(cap[0] >= 'a' ? cap[0] - 'a' + 'A' : cap[0]);
          return Fill(r.Pick(t), {{"team", team}, {"Team", cap}, {"rel", rel.rel}});
        }
      case 7:  // diet
        if (p.diet < 0) continue;
        return kDiets[p.diet];
      case 8:  // possession
        if (p.possession < 0) continue;
        {
          const char* t[] = {"The {thing} is my lucky charm.", "Wore my {thing} to the party and got so many compliments",
                             "Fixed up my {thing} this weekend", "Still can't believe I found this {thing} at a flea market"};
          return Fill(r.Pick(t), {{"thing", kPossessions[p.possession]}});
        }
    }
  }
}

// One sentence of small talk, from the person's topics.
std::string ChatterSentence(const Person& p, Rng& r) {
  const char* topic = kTopics[p.topics[r.Below(8)]];
  const char* t[] = {"Coffee first, then everything else",
                     "This weather is ridiculous, rain all week",
                     "Anyone watching {show}? No spoilers please",
                     "Traffic on the way in was terrible today",
                     "Can't stop reading about {topic}",
                     "Hot take: {topic} are overrated",
                     "Honestly {topic} changed my life",
                     "Does anyone have opinions on {topic}? Asking for a friend",
                     "Tried a new recipe for {dish}, turned out better than expected",
                     "Can't believe it's already {month}",
                     "Weekend plans: nothing. Absolutely nothing.",
                     "Long week. Need a nap and some {dish}",
                     "Salt &amp; pepper is all you need, fight me",
                     "Spent way too long reading about {topic} last night",
                     "Great thread on {topic} today",
                     "Finally caught up on {show}. Wow.",
                     "My phone battery dies by noon, time for a new one",
                     "Q&amp;A tonight about {topic}, should be fun"};
  return Fill(r.Pick(t), {{"topic", topic}, {"show", r.Pick(kShows)}, {"dish", r.Pick(kDishes)},
                          {"month", kMonths[r.Below(12)]}});
}

std::string ForeignSentence(const char* lang, const Person& p, Rng& r) {
  const Foreign* pick = nullptr;
  for (int tries = 0; !pick; ++tries) {
    const Foreign& f = r.Pick(kForeign);
    if (std::strcmp(f.lang, lang) == 0 || tries > 50) pick = &f;
  }
  std::string s = pick->text;
  for (size_t at; (at = s.find("%P")) != std::string::npos;) s.replace(at, 2, kPetNames[p.pet]);
  for (size_t at; (at = s.find("%C")) != std::string::npos;) s.replace(at, 2, kCities[p.city]);
  return s;
}

// ---------------------------------------------------------------------------
// Posts and pages.

struct GenPost {
  uint64_t id = 0;
  uint32_t author = 0;
  uint64_t conversation = 0;
  int64_t ms = 0;
  const char* lang = "en";
  int64_t reply_to_user = -1;  // person index
  uint64_t reply_to_post = 0;
  uint64_t retweet_of = 0;
  Text text;
  uint32_t like = 0, retweet = 0, reply = 0, quote = 0;
};

struct Thread {
  uint64_t root = 0, last = 0;
  uint32_t a = 0, b = 0;  // a spoke last; b replies next
};

struct Recent {
  uint64_t id = 0;
  uint32_t author = 0;
  const char* lang = "en";
  std::string text;
};

void AppendJsonString(std::string* out, std::string_view s) {
  out->push_back('"');
  for (unsigned char c : s) {
    switch (c) {
      case '"': out->append("\\\""); break;
      case '\\': out->append("\\\\"); break;
      case '\n': out->append("\\n"); break;
      case '\t': out->append("\\t"); break;
      default:
        if (c < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", c);
          out->append(buf);
        } else {
          out->push_back(static_cast<char>(c));
        }
    }
  }
  out->push_back('"');
}

void AppendIso(std::string* out, int64_t ms) {
  int64_t secs = ms / 1000;
  int64_t days = secs / 86400, rem = secs % 86400;
  // Civil from days (Howard Hinnant's algorithm).
  int64_t z = days + 719468, era = z / 146097, doe = z - era * 146097;
  int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  int64_t y = yoe + era * 400, doy = doe - (365 * yoe + yoe / 4 - yoe / 100), mp = (5 * doy + 2) / 153;
  int64_t d = doy - (153 * mp + 2) / 5 + 1, m = mp < 10 ? mp + 3 : mp - 9;
  if (m <= 2) ++y;
  char buf[96];
  std::snprintf(buf, sizeof buf, "\"%04" PRId64 "-%02" PRId64 "-%02" PRId64 "T%02" PRId64 ":%02" PRId64 ":%02" PRId64 ".000Z\"",
                y, m, d, rem / 3600, rem / 60 % 60, rem % 60);
  out->append(buf);
}

class Generator {
 public:
  Generator(uint64_t posts, uint32_t people, uint64_t seed, uint32_t days)
      : posts_(posts), seed_(seed), rng_(Mix(seed, 1)), days_(days) {
    people_.reserve(people);
    for (uint32_t i = 0; i < people; ++i) people_.push_back(MakePerson(seed, i, people));
    // Activity: a heavy-tailed weight per person (some post a lot, most a little).
    cumulative_.reserve(people);
    double total = 0;
    Rng w(Mix(seed, 2));
    for (uint32_t i = 0; i < people; ++i) {
      const double u = static_cast<double>(w.Below(1u << 30) + 1) / static_cast<double>(1u << 30);
      total += 1.0 / (0.05 + u);  // ~ Pareto-like, bounded at 20x the median
      cumulative_.push_back(total);
    }
    birthdays_.resize(365);
    for (uint32_t i = 0; i < people; ++i) birthdays_[people_[i].birthday].push_back(i);
    new_jobs_.resize(days_);
    for (uint32_t i = 0; i < people; ++i)
      if (people_[i].new_job_day >= 0 && static_cast<uint32_t>(people_[i].new_job_day) < days_)
        new_jobs_[people_[i].new_job_day].push_back(i);
    const int64_t span_ms = static_cast<int64_t>(days_) * 86400000;
    gap_ms_ = std::max<int64_t>(1, span_ms / static_cast<int64_t>(std::max<uint64_t>(posts_, 1)));
  }

  // Writes the whole corpus to `out`. Returns false on a write error.
  bool Write(FILE* out) {
    std::vector<GenPost> page;
    std::string json;
    for (uint64_t i = 0; i < posts_; ++i) {
      page.push_back(MakePost(i));
      if (page.size() == 100 || i + 1 == posts_) {
        json.clear();
        WritePage(&page, &json);
        if (std::fwrite(json.data(), 1, json.size(), out) != json.size()) return false;
        page.clear();
      }
    }
    return std::fflush(out) == 0;
  }

 private:
  // 2026-01-01T00:00:00Z, in ms.
  static constexpr int64_t kStartMs = 1767225600000;
  static constexpr int64_t kTwitterEpochMs = 1288834974657;

  uint32_t PickAuthor() {
    const double x = static_cast<double>(rng_.Below(1ull << 40)) / static_cast<double>(1ull << 40) * cumulative_.back();
    return static_cast<uint32_t>(std::upper_bound(cumulative_.begin(), cumulative_.end(), x) - cumulative_.begin()) %
           static_cast<uint32_t>(people_.size());
  }

  const char* LangFor(const Person& p) {
    if (std::strcmp(p.lang, "en") != 0 && rng_.Percent(70)) return p.lang;
    return rng_.Percent(1) ? rng_.Pick(kForeignLangs) : "en";
  }

  void Decorate(GenPost* post) {
    Text& t = post->text;
    const Person& p = people_[post->author];
    if (rng_.Percent(22)) {
      t.Add(" ");
      const uint64_t k = rng_.Below(10);
      t.AddHashtag(k < 5 ? kHobbies[p.hobby[k & 1]].tag : k < 7 && p.team >= 0 ? kTeams[p.team].tag : rng_.Pick(kGenericTags));
    }
    if (rng_.Percent(12)) {
      t.Add(" ");
      t.AddUrl(rng_);
    }
    if (rng_.Percent(30)) {
      t.Add(" ");
      t.Add(rng_.Pick(kEmoji));
      if (rng_.Percent(30)) t.Add(rng_.Pick(kEmoji));
    }
  }

  void Body(GenPost* post, bool reply) {
    const Person& p = people_[post->author];
    Text& t = post->text;
    if (std::strcmp(post->lang, "en") != 0) {
      t.Add(ForeignSentence(post->lang, p, rng_));
      return;
    }
    const int sentences = 1 + static_cast<int>(rng_.Below(reply ? 2 : 3));
    for (int s = 0; s < sentences; ++s) {
      if (s) t.Add(rng_.Percent(10) ? "\n" : " ");
      std::string sentence = rng_.Percent(34) ? FactSentence(p, rng_) : ChatterSentence(p, rng_);
      const char last = sentence.back();
      t.Add(sentence);
      if (last != '.' && last != '!' && last != '?' && s + 1 < sentences) t.Add(rng_.Percent(50) ? "." : "!");
    }
    Decorate(post);
  }

  GenPost MakePost(uint64_t i) {
    GenPost post;
    post.ms = kStartMs + static_cast<int64_t>(i) * gap_ms_ + static_cast<int64_t>(rng_.Below(static_cast<uint64_t>(gap_ms_)));
    post.id = (static_cast<uint64_t>(post.ms - kTwitterEpochMs) << 22) | (Mix(seed_, i) & 0x3FFFFF);
    const uint32_t day = static_cast<uint32_t>((post.ms - kStartMs) / 86400000);
    if (day != day_) StartDay(day);
    post.like = static_cast<uint32_t>(rng_.Below(rng_.Percent(5) ? 900 : 12));
    post.retweet = static_cast<uint32_t>(rng_.Below(4));
    post.reply = static_cast<uint32_t>(rng_.Below(3));
    post.quote = static_cast<uint32_t>(rng_.Below(2));

    const uint64_t roll = rng_.Below(100);
    if (!greetings_.empty() && roll < 6) {
      // "Happy birthday @x" / "Congrats on the new job @x" from a friend.
      const auto [who, kind] = greetings_.back();
      greetings_.pop_back();
      const Person& subject = people_[who];
      post.author = subject.friends[rng_.Below(subject.friends.size())];
      post.conversation = post.id;
      post.lang = "en";
      Text& t = post.text;
      if (kind == 0) {
        const char* open[] = {"Happy birthday ", "Happy birthday ", "Happy bday ", "Happy birthday to the one and only "};
        t.Add(rng_.Pick(open));
        t.AddMention(subject, who);
        const char* close[] = {"! 🎂", "!! Have the best day 🥳", ", hope it's a great one!", "! Drinks on me this weekend 🎉"};
        t.Add(rng_.Pick(close));
      } else {
        t.Add("Congrats on the new job ");
        t.AddMention(subject, who);
        t.Add(rng_.Percent(50) ? "! They're lucky to have you 🙌🏻" : "!! So happy for you");
      }
      Remember(post);
      return post;
    }
    if (roll < 10 && !recent_.empty()) {
      // Retweet of a recent post.
      const Recent& orig = recent_[rng_.Below(recent_.size())];
      post.author = PickAuthor();
      post.retweet_of = orig.id;
      post.conversation = post.id;
      post.lang = orig.lang;
      post.text.Add("RT ");
      post.text.AddMention(people_[orig.author], orig.author);
      post.text.Add(": ");
      std::string_view body = orig.text;
      if (body.size() > 110) {
        size_t cut = 110;
        while (cut > 0 && (static_cast<unsigned char>(body[cut]) & 0xC0) == 0x80) --cut;
        post.text.Add(body.substr(0, cut));
        post.text.Add("…");
      } else {
        post.text.Add(body);
      }
      post.like = 0;
      return post;
    }
    if (roll < 55 && !threads_.empty()) {
      // A reply in an open thread, leading @mention.
      const size_t k = rng_.Below(threads_.size());
      Thread& th = threads_[k];
      post.author = th.b;
      post.conversation = th.root;
      post.reply_to_post = th.last;
      post.reply_to_user = th.a;
      post.lang = LangFor(people_[post.author]);
      post.text.AddMention(people_[th.a], th.a);
      post.text.Add(" ");
      if (std::strcmp(post.lang, "en") == 0) {
        const Person& them = people_[th.a];
        const char* t[] = {"Haha same here!", "That sounds amazing! How long have you been into {hobby}?",
                           "Oh no, hope {pet} is ok", "How's your {sp} {pet} doing?", "Totally agree.",
                           "lol yes", "We should catch up soon! Coffee in {city}?", "Wait, really?",
                           "I remember that! Good times.", "Sending love to your {rel} {relname}"};
        post.text.Add(Fill(rng_.Pick(t), {{"hobby", kHobbies[them.hobby[0]].noun}, {"pet", kPetNames[them.pet]},
                                          {"sp", kSpecies[them.species].name}, {"city", kCities[them.city]},
                                          {"rel", kRelatives[them.relative].rel}, {"relname", kFirst[them.relative_name]}}));
        const char end = post.text.str().back();
        post.text.Add(end == '.' || end == '!' || end == '?' ? " " : "! ");
      }
      Body(&post, /*reply=*/true);
      th.last = post.id;
      std::swap(th.a, th.b);
      if (!rng_.Percent(62)) {
        threads_[k] = threads_.back();
        threads_.pop_back();
      }
      Remember(post);
      return post;
    }
    // A new post; often the start of a thread with a friend.
    post.author = PickAuthor();
    post.conversation = post.id;
    post.lang = LangFor(people_[post.author]);
    const Person& p = people_[post.author];
    if (rng_.Percent(4) && std::strcmp(post.lang, "en") == 0) {
      const uint32_t f = p.friends[rng_.Below(p.friends.size())];
      post.text.Add("Out ");
      post.text.Add(rng_.Percent(50) ? "with " : "for dinner with ");
      post.text.AddMention(people_[f], f);
      post.text.Add(". ");
    }
    Body(&post, /*reply=*/false);
    if (rng_.Percent(55)) {
      Thread th;
      th.root = th.last = post.id;
      th.a = post.author;
      th.b = p.friends[rng_.Below(p.friends.size())];
      if (threads_.size() >= 256) {
        threads_[rng_.Below(threads_.size())] = th;
      } else {
        threads_.push_back(th);
      }
    }
    Remember(post);
    return post;
  }

  void Remember(const GenPost& post) {
    Recent r{post.id, post.author, post.lang, post.text.str()};
    if (recent_.size() < 128) {
      recent_.push_back(std::move(r));
    } else {
      recent_[recent_pos_++ % 128] = std::move(r);
    }
  }

  void StartDay(uint32_t day) {
    day_ = day;
    greetings_.clear();
    // The corpus starts on January 1st, so day % 365 is the day of the year.
    for (uint32_t who : birthdays_[day % 365]) {
      const uint64_t n = 1 + rng_.Below(3);
      for (uint64_t k = 0; k < n; ++k) greetings_.push_back({who, 0});
    }
    if (day < new_jobs_.size())
      for (uint32_t who : new_jobs_[day]) greetings_.push_back({who, 1});
    // Shuffle so that greetings are spread over the day in a seeded order.
    for (size_t k = greetings_.size(); k > 1; --k) std::swap(greetings_[k - 1], greetings_[rng_.Below(k)]);
  }

  void WritePage(std::vector<GenPost>* page, std::string* out) {
    std::reverse(page->begin(), page->end());  // newest first, as search/recent pages are
    std::vector<uint32_t> users;
    auto add_user = [&users](uint32_t u) {
      if (std::find(users.begin(), users.end(), u) == users.end()) users.push_back(u);
    };
    out->append("{\"data\":[");
    char buf[128];
    for (size_t k = 0; k < page->size(); ++k) {
      const GenPost& p = (*page)[k];
      const Person& author = people_[p.author];
      add_user(p.author);
      if (k) out->push_back(',');
      std::snprintf(buf, sizeof buf, "{\"id\":\"%" PRIu64 "\",\"text\":", p.id);
      out->append(buf);
      AppendJsonString(out, p.text.str());
      out->append(",\"author_id\":\"").append(author.id);
      std::snprintf(buf, sizeof buf, "\",\"conversation_id\":\"%" PRIu64 "\",\"created_at\":", p.conversation);
      out->append(buf);
      AppendIso(out, p.ms);
      out->append(",\"lang\":\"").append(p.lang).append("\"");
      if (p.reply_to_user >= 0) out->append(",\"in_reply_to_user_id\":\"").append(people_[p.reply_to_user].id).append("\"");
      const Text& t = p.text;
      if (!t.mentions.empty() || !t.tags.empty() || !t.urls.empty()) {
        out->append(",\"entities\":{");
        bool first_group = true;
        if (!t.mentions.empty()) {
          out->append("\"mentions\":[");
          for (size_t m = 0; m < t.mentions.size(); ++m) {
            const Person& who = people_[t.mentions[m].person];
            add_user(t.mentions[m].person);
            std::snprintf(buf, sizeof buf, "%s{\"start\":%u,\"end\":%u,\"username\":", m ? "," : "", t.mentions[m].start,
                          t.mentions[m].end);
            out->append(buf);
            AppendJsonString(out, who.username);
            out->append(",\"id\":\"").append(who.id).append("\"}");
          }
          out->push_back(']');
          first_group = false;
        }
        if (!t.tags.empty()) {
          out->append(first_group ? "\"hashtags\":[" : ",\"hashtags\":[");
          for (size_t h = 0; h < t.tags.size(); ++h) {
            std::snprintf(buf, sizeof buf, "%s{\"start\":%u,\"end\":%u,\"tag\":", h ? "," : "", t.tags[h].start, t.tags[h].end);
            out->append(buf);
            AppendJsonString(out, t.tags[h].tag);
            out->push_back('}');
          }
          out->push_back(']');
          first_group = false;
        }
        if (!t.urls.empty()) {
          out->append(first_group ? "\"urls\":[" : ",\"urls\":[");
          for (size_t u = 0; u < t.urls.size(); ++u) {
            std::snprintf(buf, sizeof buf, "%s{\"start\":%u,\"end\":%u,\"url\":", u ? "," : "", t.urls[u].start, t.urls[u].end);
            out->append(buf);
            AppendJsonString(out, t.urls[u].url);
            out->append(",\"expanded_url\":");
            AppendJsonString(out, t.urls[u].expanded);
            out->append(",\"display_url\":");
            AppendJsonString(out, t.urls[u].display);
            out->push_back('}');
          }
          out->push_back(']');
        }
        out->push_back('}');
      }
      std::snprintf(buf, sizeof buf, ",\"public_metrics\":{\"retweet_count\":%u,\"reply_count\":%u,", p.retweet, p.reply);
      out->append(buf);
      std::snprintf(buf, sizeof buf, "\"like_count\":%u,\"quote_count\":%u}", p.like, p.quote);
      out->append(buf);
      std::snprintf(buf, sizeof buf, ",\"edit_history_tweet_ids\":[\"%" PRIu64 "\"]", p.id);
      out->append(buf);
      if (p.reply_to_post) {
        std::snprintf(buf, sizeof buf, ",\"referenced_tweets\":[{\"type\":\"replied_to\",\"id\":\"%" PRIu64 "\"}]", p.reply_to_post);
        out->append(buf);
      } else if (p.retweet_of) {
        std::snprintf(buf, sizeof buf, ",\"referenced_tweets\":[{\"type\":\"retweeted\",\"id\":\"%" PRIu64 "\"}]", p.retweet_of);
        out->append(buf);
      }
      out->push_back('}');
    }
    out->append("],\"includes\":{\"users\":[");
    for (size_t k = 0; k < users.size(); ++k) {
      const Person& u = people_[users[k]];
      out->append(k ? ",{\"id\":\"" : "{\"id\":\"").append(u.id).append("\",\"name\":");
      AppendJsonString(out, u.name);
      out->append(",\"username\":");
      AppendJsonString(out, u.username);
      out->push_back('}');
    }
    std::snprintf(buf, sizeof buf, "]},\"meta\":{\"newest_id\":\"%" PRIu64 "\",\"oldest_id\":\"%" PRIu64 "\",",
                  page->front().id, page->back().id);
    out->append(buf);
    std::snprintf(buf, sizeof buf, "\"result_count\":%zu,\"next_token\":\"%016" PRIx64 "\"}}\n", page->size(),
                  Mix(seed_, page->back().id));
    out->append(buf);
  }

  uint64_t posts_;
  uint64_t seed_;
  Rng rng_;
  uint32_t days_;
  int64_t gap_ms_ = 1;
  std::vector<Person> people_;
  std::vector<double> cumulative_;
  std::vector<std::vector<uint32_t>> birthdays_;  // by day of year
  std::vector<std::vector<uint32_t>> new_jobs_;   // by day of the corpus
  std::vector<std::pair<uint32_t, int>> greetings_;  // today's: (person, 0 birthday / 1 new job)
  uint32_t day_ = ~0u;
  std::vector<Thread> threads_;
  std::vector<Recent> recent_;
  size_t recent_pos_ = 0;
};

bool ParseCount(const char* s, uint64_t* out) {
  char* end = nullptr;
  errno = 0;
  double v = std::strtod(s, &end);  // accepts 1e6
  if (errno || end == s || *end || v < 0 || v > 1e12) return false;
  *out = static_cast<uint64_t>(v);
  return true;
}

int Usage(const char* why) {
  if (why) std::fprintf(stderr, "rapport_gen: %s\n", why);
  std::fprintf(stderr,
               "usage: rapport_gen --posts N [--people P] [--seed S] [--days D] --out FILE\n"
               "  --posts N    posts to write (1e6 is accepted)\n"
               "  --people P   Default: min(20000, max(20, N/50))\n"
               "  --seed S     Default: 1\n"
               "  --days D     days the posts span from 2026-01-01; Default: 365\n"
               "  --out FILE   output JSON Lines file ('-' for stdout)\n");
  return 2;
}

}  // namespace
}  // namespace rapport::bench

int main(int argc, char** argv) {
  using namespace rapport::bench;
  uint64_t posts = 0, people = 0, seed = 1, days = 365;
  bool have_posts = false;
  const char* out_path = nullptr;
  for (int i = 1; i < argc; ++i) {
    std::string_view a = argv[i];
    if (a == "--help" || a == "-h") return Usage(nullptr), 0;
    if (i + 1 >= argc) return Usage(("missing value for " + std::string(a)).c_str());
    const char* v = argv[++i];
    if (a == "--posts") {
      if (!ParseCount(v, &posts)) return Usage("--posts wants a number");
      have_posts = true;
    } else if (a == "--people") {
      if (!ParseCount(v, &people) || people == 0 || people > 100000000) return Usage("--people wants 1..1e8");
    } else if (a == "--seed") {
      if (!ParseCount(v, &seed)) return Usage("--seed wants a number");
    } else if (a == "--days") {
      if (!ParseCount(v, &days) || days == 0 || days > 36500) return Usage("--days wants 1..36500");
    } else if (a == "--out") {
      out_path = v;
    } else {
      return Usage(("unknown option " + std::string(a)).c_str());
    }
  }
  if (!have_posts || !out_path) return Usage("--posts and --out are required");
  if (people == 0) people = std::min<uint64_t>(20000, std::max<uint64_t>(20, posts / 50));
  FILE* out = std::strcmp(out_path, "-") == 0 ? stdout : std::fopen(out_path, "wb");
  if (!out) {
    std::fprintf(stderr, "rapport_gen: cannot write %s: %s\n", out_path, std::strerror(errno));
    return 1;
  }
  static char buffer[1 << 20];
  std::setvbuf(out, buffer, _IOFBF, sizeof buffer);
  Generator gen(posts, static_cast<uint32_t>(people), seed, static_cast<uint32_t>(days));
  const bool ok = gen.Write(out);
  if (out != stdout && std::fclose(out) != 0) {
    std::fprintf(stderr, "rapport_gen: cannot write %s: %s\n", out_path, std::strerror(errno));
    return 1;
  }
  if (!ok) {
    std::fprintf(stderr, "rapport_gen: write error on %s\n", out_path);
    return 1;
  }
  std::fprintf(stderr, "rapport_gen: %llu posts, %llu people, seed %llu -> %s\n", static_cast<unsigned long long>(posts),
               static_cast<unsigned long long>(people), static_cast<unsigned long long>(seed), out_path);
  return 0;
}
