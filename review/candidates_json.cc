// JSON bodies of the review API (see candidates_json.h).
#include "review/candidates_json.h"

#include <cmath>

#include "pipeline/export/fixed_decimal.h"
#include "pipeline/export/json_text.h"

namespace rapport::review {

namespace {

void Key(std::string* out, std::string_view key) {
  out->push_back('"');
  out->append(key);  // our own ASCII literals
  out->append("\":");
}

void Field(std::string* out, std::string_view key, std::string_view value, bool comma = true) {
  Key(out, key);
  AppendSafeJsonString(out, value);
  if (comma) out->push_back(',');
}

void Number(std::string* out, std::string_view key, int64_t n) {
  Key(out, key);
  out->append(std::to_string(n));
  out->push_back(',');
}

void Score(std::string* out, double score) {
  Key(out, "score");
  if (!pipeline::AppendFixed(out, score, 4)) out->append("0");
  out->push_back(',');
}

void AppendDecision(std::string* out, std::string_view candidate_id, const pipeline::Decision& d) {
  out->push_back('{');
  Field(out, "candidate_id", candidate_id);
  Field(out, "status", d.status);
  Field(out, "value", d.value);
  Key(out, "decided_at");
  out->append(std::to_string(d.decided_at));
  out->push_back('}');
}

}  // namespace

void AppendSafeJsonString(std::string* out, std::string_view s) {
  std::string encoded;
  pipeline::AppendJsonString(&encoded, s);
  out->reserve(out->size() + encoded.size());
  for (char c : encoded) {
    switch (c) {
      case '<': out->append("\\u003c"); break;
      case '>': out->append("\\u003e"); break;
      case '&': out->append("\\u0026"); break;
      default: out->push_back(c);
    }
  }
}

std::string ReviewStatus(const pipeline::Artifact& a, const std::map<std::string, pipeline::Decision>& decisions) {
  auto it = decisions.find(a.candidate_id);
  if (it != decisions.end()) return it->second.status;
  if (a.review == "accepted" || a.review == "edited") return a.review;
  return "new";
}

std::string CandidatesJson(const std::vector<pipeline::Artifact>& artifacts,
                           const std::map<std::string, pipeline::Decision>& decisions) {
  std::string out = "{\"candidates\":[";
  bool first = true;
  for (const pipeline::Artifact& a : artifacts) {
    if (!first) out.push_back(',');
    first = false;
    auto it = decisions.find(a.candidate_id);
    const std::string status = ReviewStatus(a, decisions);
    const bool edited_here = it != decisions.end() && it->second.status == "edited" && !it->second.value.empty();
    out.push_back('{');
    Field(&out, "candidate_id", a.candidate_id);
    Key(&out, "person");
    out.push_back('{');
    Field(&out, "platform", a.person.platform);
    Field(&out, "id", a.person.id);
    Field(&out, "username", a.person.username);
    Field(&out, "name", a.person.name, false);
    out.append("},");
    Field(&out, "category", a.category);
    Field(&out, "value", edited_here ? it->second.value : a.value);
    Field(&out, "run_value", a.value);
    Field(&out, "status", status);
    Number(&out, "decided_at", it != decisions.end() ? it->second.decided_at : 0);
    Field(&out, "polarity", a.polarity);
    Field(&out, "said_by", a.said_by);
    Score(&out, a.score);
    Number(&out, "mentions", a.mentions);
    Number(&out, "days", a.days);
    Number(&out, "conversations", a.conversations);
    Number(&out, "interlocutors", a.interlocutors);
    Field(&out, "first_seen", a.first_seen);
    Field(&out, "last_seen", a.last_seen);
    Key(&out, "evidence");
    out.push_back('[');
    for (size_t i = 0; i < a.evidence.size(); ++i) {
      const pipeline::Evidence& e = a.evidence[i];
      if (i > 0) out.push_back(',');
      out.push_back('{');
      Field(&out, "id", e.id);
      Field(&out, "url", e.url);
      Field(&out, "created_at", e.created_at);
      Field(&out, "author", e.author_username);
      Field(&out, "text", e.text, false);
      out.push_back('}');
    }
    out.append("]}");
  }
  out.append("]}");
  return out;
}

std::string DecisionJson(std::string_view candidate_id, const pipeline::Decision& d) {
  std::string out;
  AppendDecision(&out, candidate_id, d);
  return out;
}

std::string DecisionsJson(const std::map<std::string, pipeline::Decision>& decisions) {
  std::string out = "{\"decisions\":[";
  bool first = true;
  for (const auto& [id, d] : decisions) {
    if (!first) out.push_back(',');
    first = false;
    AppendDecision(&out, id, d);
  }
  out.append("]}");
  return out;
}

std::string ErrorJson(std::string_view message) {
  std::string out = "{\"error\":";
  AppendSafeJsonString(&out, message);
  out.push_back('}');
  return out;
}

}  // namespace rapport::review
