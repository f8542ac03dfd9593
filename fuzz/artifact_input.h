// Builds Artifacts from a fuzz input for the writer targets (CSV, HTML,
// vCard): the input is split at 0x1F bytes into the user-controlled fields,
// in this order (missing fields stay empty):
//   value, name, username, evidence text, evidence url, category, person id,
//   evidence id, candidate_id, platform, first_seen, last_seen, score,
//   evidence author, generated_at, second evidence text
// The first field is the most used, so a plain text seed exercises the
// value cell. Test-only.
#ifndef RAPPORT_FUZZ_ARTIFACT_INPUT_H_
#define RAPPORT_FUZZ_ARTIFACT_INPUT_H_

#include <charconv>
#include <string>
#include <string_view>
#include <vector>

#include "fuzz/fuzz_util.h"
#include "pipeline/artifact.h"

namespace rapport::fuzz {

enum ArtifactField {
  kValue, kName, kUsername, kEvidenceText, kEvidenceUrl, kCategory, kPersonId, kEvidenceId,
  kCandidateId, kPlatform, kFirstSeen, kLastSeen, kScore, kEvidenceAuthor, kGeneratedAt,
  kSecondEvidenceText, kFieldCount
};

struct ArtifactInput {
  std::vector<std::string> fields;  // kFieldCount entries
  std::vector<pipeline::Artifact> artifacts;
};

inline ArtifactInput MakeArtifacts(std::string_view in) {
  ArtifactInput r;
  auto parts = Split(in, '\x1f', kFieldCount);
  r.fields.assign(kFieldCount, "");
  for (size_t i = 0; i < parts.size(); ++i) r.fields[i] = std::string(parts[i]);
  const auto& f = r.fields;
  pipeline::Artifact a;
  a.candidate_id = f[kCandidateId];
  a.person.platform = f[kPlatform].empty() ? "x" : f[kPlatform];
  a.person.id = f[kPersonId];
  a.person.username = f[kUsername];
  a.person.name = f[kName];
  a.category = f[kCategory].empty() ? "pet" : f[kCategory];
  a.value = f[kValue];
  a.key = f[kValue];
  a.first_seen = f[kFirstSeen];
  a.last_seen = f[kLastSeen];
  a.score = 1.5;
  if (!f[kScore].empty()) {
    double s = 0;
    auto [ptr, ec] = std::from_chars(f[kScore].data(), f[kScore].data() + f[kScore].size(), s);
    if (ec == std::errc()) a.score = s;  // may be nan, inf, -0, 1e308
  }
  a.mentions = 3;
  a.days = 2;
  a.conversations = 1;
  a.interlocutors = 1;
  pipeline::Evidence e;
  e.id = f[kEvidenceId];
  e.url = f[kEvidenceUrl];
  e.created_at = f[kFirstSeen];
  e.text = f[kEvidenceText];
  e.author_username = f[kEvidenceAuthor];
  a.evidence.push_back(e);
  if (!f[kSecondEvidenceText].empty()) {
    e.text = f[kSecondEvidenceText];
    a.evidence.push_back(e);
  }
  r.artifacts.push_back(a);
  // A second person, so grouping and ordering code runs too.
  a.person.id += "2";
  a.person.username = "other_user";
  a.said_by = "other";
  a.polarity = "negative";
  r.artifacts.push_back(std::move(a));
  return r;
}

}  // namespace rapport::fuzz

#endif  // RAPPORT_FUZZ_ARTIFACT_INPUT_H_
