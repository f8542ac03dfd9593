// WriteArtifactsJsonl: artifacts.jsonl, one artifact per line.
#include <charconv>
#include <cmath>
#include <string>

#include "pipeline/export/atomic_file.h"
#include "pipeline/export/ordered_append.h"
#include "pipeline/export/exporters.h"
#include "pipeline/export/json_text.h"

namespace rapport::pipeline {

namespace {

constexpr size_t kItemsPerBlock = 64;  // lines of ~1 KB

// "%.4f" without the locale dependence of printf; null for NaN/Inf, which
// JSON cannot represent.
void AppendScore(std::string* out, double score) {
  if (!std::isfinite(score)) {
    out->append("null");
    return;
  }
  if (score == 0) score = 0;  // print -0.0 as 0.0000
  char buf[64];
  auto [end, ec] = std::to_chars(buf, buf + sizeof(buf), score, std::chars_format::fixed, 4);
  if (ec != std::errc()) {
    out->append("null");
    return;
  }
  out->append(buf, end);
}

void AppendKey(std::string* out, std::string_view key) {
  out->push_back('"');
  out->append(key);  // keys are our own ASCII literals
  out->append("\":");
}

void AppendField(std::string* out, std::string_view key, std::string_view value) {
  AppendKey(out, key);
  AppendJsonString(out, value);
}

void AppendCount(std::string* out, std::string_view key, uint32_t value) {
  AppendKey(out, key);
  out->append(std::to_string(value));
}

void AppendArtifactLine(std::string* out, const Artifact& a) {
  out->push_back('{');
  AppendField(out, "candidate_id", a.candidate_id);
  out->push_back(',');
  AppendKey(out, "person");
  out->push_back('{');
  AppendField(out, "platform", a.person.platform);
  out->push_back(',');
  AppendField(out, "id", a.person.id);
  out->push_back(',');
  AppendField(out, "username", a.person.username);
  out->push_back(',');
  AppendField(out, "name", a.person.name);
  out->append("},");
  AppendField(out, "category", a.category);
  out->push_back(',');
  AppendField(out, "value", a.value);
  out->push_back(',');
  AppendField(out, "key", a.key);
  out->push_back(',');
  AppendField(out, "polarity", a.polarity);
  out->push_back(',');
  AppendField(out, "said_by", a.said_by);
  out->push_back(',');
  AppendField(out, "review", a.review);
  out->push_back(',');
  AppendKey(out, "score");
  AppendScore(out, a.score);
  out->push_back(',');
  AppendCount(out, "mentions", a.mentions);
  out->push_back(',');
  AppendCount(out, "days", a.days);
  out->push_back(',');
  AppendCount(out, "conversations", a.conversations);
  out->push_back(',');
  AppendCount(out, "interlocutors", a.interlocutors);
  out->push_back(',');
  AppendField(out, "first_seen", a.first_seen);
  out->push_back(',');
  AppendField(out, "last_seen", a.last_seen);
  out->push_back(',');
  AppendKey(out, "evidence");
  out->push_back('[');
  for (size_t i = 0; i < a.evidence.size(); ++i) {
    const Evidence& e = a.evidence[i];
    if (i > 0) out->push_back(',');
    out->push_back('{');
    AppendField(out, "id", e.id);
    out->push_back(',');
    AppendField(out, "url", e.url);
    out->push_back(',');
    AppendField(out, "created_at", e.created_at);
    out->push_back(',');
    AppendField(out, "author", e.author_username);
    out->push_back(',');
    AppendField(out, "text", e.text);
    out->push_back('}');
  }
  out->append("]}\n");
}

}  // namespace

Status WriteArtifactsJsonl(const std::vector<Artifact>& artifacts, const std::string& path) {
  AtomicFile file(path);
  RAPPORT_RETURN_IF_ERROR(file.Open());
  RAPPORT_RETURN_IF_ERROR(AppendInOrder(&file, artifacts.size(), kItemsPerBlock,
                                        [&](size_t i, std::string* out) { AppendArtifactLine(out, artifacts[i]); }));
  return file.Commit();
}

}  // namespace rapport::pipeline
