#include "pipeline/export/json_records.h"

#include "pipeline/export/json_text.h"

namespace rapport::pipeline {

void AppendJsonKey(std::string* out, std::string_view key) {
  out->push_back('"');
  out->append(key);
  out->append("\":");
}

void AppendJsonField(std::string* out, std::string_view key, std::string_view value) {
  AppendJsonKey(out, key);
  AppendJsonString(out, value);
}

void AppendJsonInt(std::string* out, std::string_view key, int64_t value) {
  AppendJsonKey(out, key);
  out->append(std::to_string(value));
}

void AppendPersonJson(std::string* out, const PersonRef& p) {
  out->push_back('{');
  AppendJsonField(out, "platform", p.platform);
  out->push_back(',');
  AppendJsonField(out, "id", p.id);
  out->push_back(',');
  AppendJsonField(out, "username", p.username);
  out->push_back(',');
  AppendJsonField(out, "name", p.name);
  out->push_back('}');
}

void AppendEvidenceJson(std::string* out, const Evidence& e) {
  out->push_back('{');
  AppendJsonField(out, "id", e.id);
  out->push_back(',');
  AppendJsonField(out, "url", e.url);
  out->push_back(',');
  AppendJsonField(out, "created_at", e.created_at);
  out->push_back(',');
  AppendJsonField(out, "author", e.author_username);
  out->push_back(',');
  AppendJsonField(out, "text", e.text);
  out->push_back('}');
}

}  // namespace rapport::pipeline
