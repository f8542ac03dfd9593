// ParseDecisionRequest: POST /api/decisions bodies (simdjson On-Demand).
#include "review/decision_request.h"

#include <simdjson.h>

#include "pipeline/export/json_text.h"

namespace rapport::review {

namespace {

bool IsIdChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
}

std::string_view Trim(std::string_view s) {
  const char* kSpace = " \t\r\n\f\v";
  size_t b = s.find_first_not_of(kSpace);
  if (b == std::string_view::npos) return {};
  size_t e = s.find_last_not_of(kSpace);
  return s.substr(b, e - b + 1);
}

// Code points in valid UTF-8 (continuation bytes are not counted).
size_t CountChars(std::string_view s) {
  size_t n = 0;
  for (unsigned char c : s)
    if ((c & 0xC0) != 0x80) ++n;
  return n;
}

// C0 controls, DEL, C1 controls (U+0080..U+009F: C2 80..C2 9F), and the
// line/paragraph separators U+2028/U+2029 (E2 80 A8/A9).
bool HasControl(std::string_view s) {
  for (size_t i = 0; i < s.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c < 0x20 || c == 0x7F) return true;
    if (c == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) <= 0x9F) return true;
    if (c == 0xE2 && i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0x80 &&
        (static_cast<unsigned char>(s[i + 2]) == 0xA8 || static_cast<unsigned char>(s[i + 2]) == 0xA9))
      return true;
  }
  return false;
}

Status Invalid(const std::string& message) { return Status::InvalidArgument(message); }

}  // namespace

Result<DecisionRequest> ParseDecisionRequest(std::string_view body) {
  if (body.size() > kMaxDecisionBodyBytes) return Invalid("request body too large");
  simdjson::padded_string json(body);
  simdjson::ondemand::parser parser;
  simdjson::ondemand::document doc;
  simdjson::ondemand::object obj;
  if (parser.iterate(json).get(doc) || doc.get_object().get(obj))
    return Invalid("body must be a JSON object {candidate_id, status, value?}");

  DecisionRequest req;
  bool has_id = false, has_status = false, has_value = false;
  for (auto field : obj) {
    std::string_view key;
    if (field.unescaped_key().get(key)) return Invalid("body is not valid JSON");
    std::string_view* target = nullptr;
    std::string_view id, status, value;
    if (key == "candidate_id") {
      target = &id;
    } else if (key == "status") {
      target = &status;
    } else if (key == "value") {
      target = &value;
    } else {
      continue;  // unknown fields are ignored (the value is skipped by the iterator)
    }
    simdjson::ondemand::value v;
    if (field.value().get(v)) return Invalid("body is not valid JSON");
    bool is_null = false;
    if (key == "value" && !v.is_null().get(is_null) && is_null) continue;
    if (v.get_string().get(*target)) {
      std::string message(1, '\'');
      message.append(key).append("' must be a string");
      return Invalid(message);
    }
    if (target == &id) {
      req.candidate_id.assign(id);
      has_id = true;
    } else if (target == &status) {
      req.status.assign(status);
      has_status = true;
    } else {
      req.value.assign(value);
      has_value = true;
    }
  }
  // Catches trailing garbage after the object.
  if (!doc.current_location().error()) return Invalid("body is not valid JSON");

  if (!has_id || req.candidate_id.empty()) return Invalid("'candidate_id' is required");
  if (req.candidate_id.size() > 64) return Invalid("unknown candidate_id");
  for (char c : req.candidate_id)
    if (!IsIdChar(c)) return Invalid("unknown candidate_id");
  if (!has_status) return Invalid("'status' is required (accepted, rejected or edited)");
  if (req.status != "accepted" && req.status != "rejected" && req.status != "edited")
    return Invalid("'status' must be accepted, rejected or edited");
  if (req.status != "edited") {
    req.value.clear();
    return req;
  }
  if (!has_value) return Invalid("an edited decision needs a 'value'");
  if (!pipeline::IsValidUtf8(req.value)) return Invalid("'value' is not valid UTF-8");
  std::string_view trimmed = Trim(req.value);
  if (trimmed.empty()) return Invalid("'value' must not be empty");
  if (HasControl(trimmed)) return Invalid("'value' must be one line without control characters");
  if (CountChars(trimmed) > kMaxValueChars)
    return Invalid("'value' is longer than " + std::to_string(kMaxValueChars) + " characters");
  req.value.assign(trimmed);
  return req;
}

}  // namespace rapport::review
