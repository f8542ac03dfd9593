// WriteArtifactsJsonl: artifacts.jsonl, one artifact per line.
#include <cmath>
#include <string>

#include "pipeline/export/exporters.h"
#include "pipeline/export/fixed_decimal.h"
#include "pipeline/export/json_records.h"
#include "pipeline/export/ordered_append.h"

namespace rapport::pipeline {

using namespace std::string_view_literals;

namespace {

constexpr size_t kItemsPerBlock = 64;  // lines of ~1 KB

// "%.4f" without the locale dependence of printf; null for NaN/Inf, which
// JSON cannot represent.
void AppendScore(std::string* out, double score) {
  if (!std::isfinite(score)) {
    out->append("null"sv);
    return;
  }
  if (score == 0) score = 0;  // print -0.0 as 0.0000
  if (!AppendFixed(out, score, 4)) out->append("null"sv);
}

void AppendArtifactLine(std::string* out, const Artifact& a) {
  out->push_back('{');
  AppendJsonField(out, "candidate_id", a.candidate_id);
  out->push_back(',');
  AppendJsonKey(out, "person");
  AppendPersonJson(out, a.person);
  out->push_back(',');
  AppendJsonField(out, "category", a.category);
  out->push_back(',');
  AppendJsonField(out, "value", a.value);
  out->push_back(',');
  AppendJsonField(out, "key", a.key);
  out->push_back(',');
  AppendJsonField(out, "polarity", a.polarity);
  out->push_back(',');
  AppendJsonField(out, "said_by", a.said_by);
  out->push_back(',');
  AppendJsonField(out, "review", a.review);
  out->push_back(',');
  AppendJsonKey(out, "score");
  AppendScore(out, a.score);
  out->push_back(',');
  AppendJsonInt(out, "mentions", a.mentions);
  out->push_back(',');
  AppendJsonInt(out, "days", a.days);
  out->push_back(',');
  AppendJsonInt(out, "conversations", a.conversations);
  out->push_back(',');
  AppendJsonInt(out, "interlocutors", a.interlocutors);
  out->push_back(',');
  AppendJsonField(out, "first_seen", a.first_seen);
  out->push_back(',');
  AppendJsonField(out, "last_seen", a.last_seen);
  out->push_back(',');
  AppendJsonKey(out, "evidence");
  out->push_back('[');
  for (size_t i = 0; i < a.evidence.size(); ++i) {
    if (i > 0) out->push_back(',');
    AppendEvidenceJson(out, a.evidence[i]);
  }
  out->append("]}\n"sv);
}

}  // namespace

Status WriteArtifactsJsonl(const std::vector<Artifact>& artifacts, const std::string& path) {
  return WriteInOrder(path, "", artifacts.size(), kItemsPerBlock,
                      [&](size_t i, std::string* out) { AppendArtifactLine(out, artifacts[i]); });
}

}  // namespace rapport::pipeline
