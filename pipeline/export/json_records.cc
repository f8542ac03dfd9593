#include "pipeline/export/json_records.h"

#include <charconv>
#include <cstring>

#include "pipeline/export/json_text.h"

namespace rapport::pipeline {

void AppendJsonKey(std::string* out, std::string_view key) {
  // One append, not three (the keys are short literals; most outputs are
  // made of them and the strings between).
  char quoted[64];
  if (key.size() + 3 > sizeof(quoted)) {
    out->push_back('"');
    out->append(key);
    out->append("\":", 2);
    return;
  }
  quoted[0] = '"';
  std::memcpy(quoted + 1, key.data(), key.size());
  quoted[key.size() + 1] = '"';
  quoted[key.size() + 2] = ':';
  out->append(quoted, key.size() + 3);
}

void AppendJsonField(std::string* out, std::string_view key, std::string_view value) {
  AppendJsonKey(out, key);
  AppendJsonString(out, value);
}

void AppendJsonInt(std::string* out, std::string_view key, int64_t value) {
  AppendJsonKey(out, key);
  char digits[24];
  const std::to_chars_result r = std::to_chars(digits, digits + sizeof(digits), value);  // 24 bytes hold any int64
  out->append(digits, static_cast<size_t>(r.ptr - digits));
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
