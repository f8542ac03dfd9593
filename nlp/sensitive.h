// Sensitive categories: facts about health, religion, politics, sexual
// orientation or ethnicity (the special categories of personal data in the
// GDPR, art. 9). Rapport withholds them unless the operator allows a kind
// (`--allow-sensitive`); this classifies a candidate's key and value.
#ifndef RAPPORT_NLP_SENSITIVE_H_
#define RAPPORT_NLP_SENSITIVE_H_

#include <cstdint>
#include <string_view>

namespace rapport::nlp {

enum class SensitiveKind : uint8_t { kNone = 0, kHealth, kReligion, kPolitics, kSexualOrientation, kEthnicity };

// A set of kinds, one bit per kind (bit 1 << kind).
using SensitiveSet = uint32_t;
constexpr SensitiveSet kNoSensitive = 0;
constexpr SensitiveSet kAllSensitive = 0x3E;
constexpr SensitiveSet SensitiveBit(SensitiveKind k) { return SensitiveSet{1} << static_cast<int>(k); }

// The kind of the first sensitive word or phrase in `text` (whole words,
// ASCII case-insensitive; a category name, a key or a value), or kNone.
// The lists are in sensitive.cc; they name conditions, faiths, parties,
// orientations and ethnic groups, not the everyday words around them
// ("hospital", "race", "party", "vet" stay facts).
SensitiveKind ClassifySensitive(std::string_view text);

// "health", "religion", "politics", "sexual_orientation", "ethnicity"; "" for kNone.
std::string_view SensitiveName(SensitiveKind kind);

// Parses a kind name as SensitiveName writes it; kNone if unknown.
SensitiveKind SensitiveFromName(std::string_view name);

}  // namespace rapport::nlp

#endif  // RAPPORT_NLP_SENSITIVE_H_
