#include "nlp/sensitive.h"

#include <algorithm>
#include <bitset>
#include <cstdint>
#include <cstring>
#include <string>
#include <unordered_map>

namespace rapport::nlp {
namespace {

using Kind = SensitiveKind;

// Words and two-word phrases (lower case, one space) that make a candidate
// sensitive. Chosen to name the condition, faith, party, orientation or group
// itself: words that are mostly used otherwise are not here: "race",
// "party", "liberal", "pride" alone, "black", "mass", professions
// ("physical therapist" is a job), causes ("animal activist"), adjectives of
// drinks ("non alcoholic"), politicians' names (a dog called Trump).
struct Entry {
  std::string_view text;
  Kind kind;
};
constexpr Entry kEntries[] = {
    // health: diagnoses, conditions, treatments
    {"health condition", Kind::kHealth}, {"cancer", Kind::kHealth}, {"chemo", Kind::kHealth},
    {"chemotherapy", Kind::kHealth}, {"radiotherapy", Kind::kHealth}, {"tumor", Kind::kHealth},
    {"tumour", Kind::kHealth}, {"diabetes", Kind::kHealth}, {"diabetic", Kind::kHealth},
    {"insulin", Kind::kHealth}, {"depression", Kind::kHealth}, {"antidepressant", Kind::kHealth},
    {"antidepressants", Kind::kHealth}, {"anxiety disorder", Kind::kHealth}, {"panic attacks", Kind::kHealth},
    {"bipolar", Kind::kHealth}, {"schizophrenia", Kind::kHealth}, {"ptsd", Kind::kHealth},
    {"ocd", Kind::kHealth}, {"adhd", Kind::kHealth}, {"autism", Kind::kHealth}, {"autistic", Kind::kHealth},
    {"asthma", Kind::kHealth}, {"hiv", Kind::kHealth}, {"epilepsy", Kind::kHealth},
    {"seizures", Kind::kHealth}, {"migraines", Kind::kHealth}, {"arthritis", Kind::kHealth},
    {"alzheimer", Kind::kHealth}, {"alzheimers", Kind::kHealth}, {"alzheimer's", Kind::kHealth},
    {"dementia", Kind::kHealth}, {"parkinson", Kind::kHealth}, {"parkinsons", Kind::kHealth},
    {"parkinson's", Kind::kHealth}, {"dialysis", Kind::kHealth}, {"anorexia", Kind::kHealth},
    {"bulimia", Kind::kHealth}, {"eating disorder", Kind::kHealth}, {"addiction", Kind::kHealth},
    {"rehab", Kind::kHealth}, {"alcoholism", Kind::kHealth},
    {"chronic pain", Kind::kHealth}, {"chronic illness", Kind::kHealth}, {"illness", Kind::kHealth},
    {"disease", Kind::kHealth}, {"diagnosis", Kind::kHealth}, {"diagnosed", Kind::kHealth},
    {"disability", Kind::kHealth}, {"disabled", Kind::kHealth}, {"wheelchair", Kind::kHealth},
    {"medication", Kind::kHealth}, {"medications", Kind::kHealth}, {"miscarriage", Kind::kHealth}, {"ivf", Kind::kHealth},
    {"stroke", Kind::kHealth}, {"heart attack", Kind::kHealth}, {"blood pressure", Kind::kHealth},
    {"hypertension", Kind::kHealth}, {"cholesterol", Kind::kHealth}, {"long covid", Kind::kHealth},
    {"celiac", Kind::kHealth}, {"coeliac", Kind::kHealth}, {"crohn's", Kind::kHealth},
    {"crohns", Kind::kHealth}, {"allergy", Kind::kHealth}, {"allergies", Kind::kHealth},
    {"allergic", Kind::kHealth}, {"surgery", Kind::kHealth}, {"mental health", Kind::kHealth},
    // religion: faiths, their practice and places
    {"religion", Kind::kReligion}, {"religious", Kind::kReligion}, {"faith", Kind::kReligion},
    {"christian", Kind::kReligion}, {"christianity", Kind::kReligion}, {"catholic", Kind::kReligion},
    {"protestant", Kind::kReligion}, {"evangelical", Kind::kReligion}, {"baptist", Kind::kReligion},
    {"methodist", Kind::kReligion}, {"lutheran", Kind::kReligion}, {"mormon", Kind::kReligion},
    {"orthodox", Kind::kReligion}, {"muslim", Kind::kReligion}, {"islam", Kind::kReligion},
    {"islamic", Kind::kReligion}, {"jewish", Kind::kReligion}, {"judaism", Kind::kReligion},
    {"hindu", Kind::kReligion}, {"hinduism", Kind::kReligion}, {"buddhist", Kind::kReligion},
    {"buddhism", Kind::kReligion}, {"sikh", Kind::kReligion}, {"atheist", Kind::kReligion},
    {"agnostic", Kind::kReligion}, {"church", Kind::kReligion}, {"mosque", Kind::kReligion},
    {"synagogue", Kind::kReligion}, {"bible", Kind::kReligion}, {"quran", Kind::kReligion},
    {"koran", Kind::kReligion}, {"torah", Kind::kReligion}, {"prayer", Kind::kReligion},
    {"praying", Kind::kReligion}, {"ramadan", Kind::kReligion}, {"pastor", Kind::kReligion},
    {"priest", Kind::kReligion}, {"rabbi", Kind::kReligion}, {"imam", Kind::kReligion},
    {"bar mitzvah", Kind::kReligion}, {"bat mitzvah", Kind::kReligion}, {"baptism", Kind::kReligion},
    {"jesus", Kind::kReligion}, {"allah", Kind::kReligion},
    // politics: parties, affiliations, voting
    {"politics", Kind::kPolitics}, {"political", Kind::kPolitics}, {"politician", Kind::kPolitics},
    {"democrat", Kind::kPolitics}, {"democrats", Kind::kPolitics}, {"democratic party", Kind::kPolitics},
    {"republican", Kind::kPolitics}, {"republicans", Kind::kPolitics}, {"gop", Kind::kPolitics},
    {"labour party", Kind::kPolitics}, {"tory", Kind::kPolitics}, {"tories", Kind::kPolitics},
    {"green party", Kind::kPolitics}, {"socialist", Kind::kPolitics}, {"communist", Kind::kPolitics},
    {"libertarian", Kind::kPolitics}, {"maga", Kind::kPolitics}, {"election", Kind::kPolitics}, {"elections", Kind::kPolitics},
    {"voted", Kind::kPolitics}, {"voting", Kind::kPolitics}, {"ballot", Kind::kPolitics},
    {"senator", Kind::kPolitics}, {"congressman", Kind::kPolitics}, {"congresswoman", Kind::kPolitics},
    {"left wing", Kind::kPolitics}, {"right wing", Kind::kPolitics}, {"left-wing", Kind::kPolitics},
    {"right-wing", Kind::kPolitics}, // sexual orientation (and gender identity, as sensitive)
    {"gay", Kind::kSexualOrientation}, {"lesbian", Kind::kSexualOrientation},
    {"bisexual", Kind::kSexualOrientation}, {"queer", Kind::kSexualOrientation},
    {"homosexual", Kind::kSexualOrientation}, {"heterosexual", Kind::kSexualOrientation},
    {"asexual", Kind::kSexualOrientation}, {"pansexual", Kind::kSexualOrientation},
    {"lgbt", Kind::kSexualOrientation}, {"lgbtq", Kind::kSexualOrientation},
    {"lgbtq+", Kind::kSexualOrientation}, {"lgbtqia", Kind::kSexualOrientation},
    {"coming out", Kind::kSexualOrientation}, {"came out", Kind::kSexualOrientation},
    {"pride parade", Kind::kSexualOrientation}, {"pride month", Kind::kSexualOrientation},
    {"transgender", Kind::kSexualOrientation}, {"nonbinary", Kind::kSexualOrientation},
    {"non-binary", Kind::kSexualOrientation},
    // ethnicity
    {"ethnicity", Kind::kEthnicity}, {"ethnic", Kind::kEthnicity}, {"african american", Kind::kEthnicity},
    {"hispanic", Kind::kEthnicity}, {"latino", Kind::kEthnicity}, {"latina", Kind::kEthnicity},
    {"latinx", Kind::kEthnicity}, {"asian american", Kind::kEthnicity}, {"caucasian", Kind::kEthnicity},
    {"indigenous", Kind::kEthnicity}, {"native american", Kind::kEthnicity},
    {"aboriginal", Kind::kEthnicity}, {"biracial", Kind::kEthnicity}, {"mixed race", Kind::kEthnicity},
};

// The longest entry, in bytes.
constexpr size_t kMaxEntry = [] {
  size_t n = 0;
  for (const Entry& e : kEntries) n = std::max(n, e.text.size());
  return n;
}();

// The entries, and a 4096-bit filter of their (length, first byte, last
// byte): a word or phrase whose bit is clear is no entry, so most of the ~10
// lookups per post skip hashing it. Every entry sets its own bit, so the
// filter never hides one.
struct Lookup {
  std::unordered_map<std::string_view, Kind> table;
  std::bitset<4096> maybe;

  static size_t Signature(std::string_view s) {
    return (s.size() * 131 + static_cast<unsigned char>(s.front()) * 31 + static_cast<unsigned char>(s.back())) & 4095;
  }
  const Kind* Find(std::string_view s) const {
    if (s.empty() || !maybe[Signature(s)]) return nullptr;
    auto it = table.find(s);
    return it == table.end() ? nullptr : &it->second;
  }
};

const Lookup& Table() {
  static const auto* lookup = [] {
    auto* t = new Lookup();
    for (const Entry& e : kEntries) {
      t->table.emplace(e.text, e.kind);
      t->maybe.set(Lookup::Signature(e.text));
    }
    return t;
  }();
  return *lookup;
}

bool IsWordByte(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '\'' || c == '-' ||
         c == '+' || c >= 0x80;
}

char Lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

}  // namespace

SensitiveKind ClassifySensitive(std::string_view text) {
  const auto& table = Table();
  // Each word, lower-cased, and the phrase it makes with the word before
  // (joined by one space), looked up in small buffers on the stack: no entry
  // is longer than kMaxEntry bytes, so neither is anything worth looking up.
  char word[kMaxEntry], previous[kMaxEntry], phrase[kMaxEntry];
  size_t previous_size = SIZE_MAX;  // SIZE_MAX: no previous word, or one too long for any phrase
  size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && !IsWordByte(static_cast<unsigned char>(text[i]))) ++i;
    if (i == text.size()) break;
    const size_t begin = i;
    while (i < text.size() && IsWordByte(static_cast<unsigned char>(text[i]))) ++i;
    const size_t size = i - begin;
    if (size > kMaxEntry) {
      previous_size = SIZE_MAX;
      continue;
    }
    for (size_t k = 0; k < size; ++k) word[k] = Lower(text[begin + k]);
    if (const Kind* k = table.Find({word, size})) return *k;
    if (previous_size != SIZE_MAX && previous_size + 1 + size <= kMaxEntry) {
      std::memcpy(phrase, previous, previous_size);
      phrase[previous_size] = ' ';
      std::memcpy(phrase + previous_size + 1, word, size);
      if (const Kind* k = table.Find({phrase, previous_size + 1 + size})) return *k;
    }
    std::memcpy(previous, word, size);
    previous_size = size;
  }
  return SensitiveKind::kNone;
}

std::string_view SensitiveName(SensitiveKind kind) {
  switch (kind) {
    case SensitiveKind::kHealth: return "health";
    case SensitiveKind::kReligion: return "religion";
    case SensitiveKind::kPolitics: return "politics";
    case SensitiveKind::kSexualOrientation: return "sexual_orientation";
    case SensitiveKind::kEthnicity: return "ethnicity";
    case SensitiveKind::kNone: break;
  }
  return "";
}

SensitiveKind SensitiveFromName(std::string_view name) {
  for (SensitiveKind k : {SensitiveKind::kHealth, SensitiveKind::kReligion, SensitiveKind::kPolitics,
                          SensitiveKind::kSexualOrientation, SensitiveKind::kEthnicity})
    if (SensitiveName(k) == name) return k;
  return SensitiveKind::kNone;
}

}  // namespace rapport::nlp
