#include "connectors/internal/json_dom.h"

namespace rapport::connectors::internal {

namespace dom = simdjson::dom;

bool ParseDom(dom::parser& parser, std::string_view body, dom::element* out, std::string* error) {
  size_t start = body.find_first_not_of(" \t\r\n");
  if (start == std::string_view::npos) {
    *error = "not JSON: the body is empty";
    return false;
  }
  if (body[start] != '{' && body[start] != '[') {
    *error = std::string("not JSON: the body starts with '") + body[start] + "'";
    return false;
  }
  std::string sanitized;
  std::string_view json = body;
  if (!simdjson::validate_utf8(body.data(), body.size())) {
    sanitized.assign(body);
    size_t i = 0;
    while (i < sanitized.size()) {
      unsigned char c = static_cast<unsigned char>(sanitized[i]);
      size_t n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
      if (n > 0 && i + n <= sanitized.size() && simdjson::validate_utf8(sanitized.data() + i, n)) {
        i += n;
      } else {
        sanitized[i++] = '?';
      }
    }
    json = sanitized;
  }
  simdjson::error_code e = parser.parse(json.data(), json.size(), true).get(*out);
  if (e) {
    bool truncated = e == simdjson::TAPE_ERROR || e == simdjson::INCOMPLETE_ARRAY_OR_OBJECT ||
                     e == simdjson::UNCLOSED_STRING;
    *error = std::string(truncated ? "invalid JSON (truncated?): " : "invalid JSON: ") + simdjson::error_message(e);
    return false;
  }
  return true;
}

std::string StringField(dom::element obj, std::string_view key) {
  std::string_view s;
  if (obj[key].get_string().get(s)) return "";
  return std::string(s);
}

std::string IdField(dom::element obj, std::string_view key) {
  dom::element v;
  if (obj[key].get(v)) return "";
  std::string_view s;
  if (!v.get_string().get(s)) return std::string(s);
  uint64_t u = 0;
  if (!v.get_uint64().get(u)) return std::to_string(u);
  return "";
}

int64_t IntField(dom::element obj, std::string_view key, int64_t fallback) {
  int64_t n = 0;
  if (obj[key].get_int64().get(n)) return fallback;
  return n;
}

bool IdLess(std::string_view a, std::string_view b) {
  while (a.size() > 1 && a.front() == '0') a.remove_prefix(1);
  while (b.size() > 1 && b.front() == '0') b.remove_prefix(1);
  if (a.size() != b.size()) return a.size() < b.size();
  return a < b;
}

}  // namespace rapport::connectors::internal
