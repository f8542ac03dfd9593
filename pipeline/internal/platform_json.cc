#include "pipeline/internal/platform_json.h"

#include <algorithm>
#include <cstddef>

namespace rapport::pipeline::internal {

namespace od = simdjson::ondemand;
using simdjson::error_code;

namespace {

const char* SkipSpace(const char* p, const char* end) {
  while (p < end && (*p == ' ' || *p == '\n' || *p == '\r' || *p == '\t')) ++p;
  return p;
}

// `p` at an opening quote: the position after the closing one.
const char* SkipString(const char* p, const char* end) {
  for (++p; p < end; ++p) {
    if (*p == '\\') ++p;
    else if (*p == '"') return p + 1;
  }
  return end;
}

}  // namespace

bool IsStructural(error_code e) {
  switch (e) {
    case simdjson::INCORRECT_TYPE:
    case simdjson::NUMBER_ERROR:
    case simdjson::NUMBER_OUT_OF_RANGE:
    case simdjson::NO_SUCH_FIELD:
    case simdjson::STRING_ERROR:
    case simdjson::UNSUPPORTED_ARCHITECTURE:
      return false;
    default:
      return true;
  }
}

const char* SkipValue(const char* p, const char* end) {
  p = SkipSpace(p, end);
  if (p >= end) return end;
  if (*p == '"') return SkipString(p, end);
  if (*p != '{' && *p != '[') {
    while (p < end && *p != ',' && *p != '}' && *p != ']') ++p;
    return p;
  }
  int depth = 0;
  for (; p < end; ++p) {
    char c = *p;
    if (c == '"') {
      p = SkipString(p, end) - 1;
    } else if (c == '{' || c == '[') {
      ++depth;
    } else if ((c == '}' || c == ']') && --depth == 0) {
      return p + 1;
    }
  }
  return end;
}

error_code GetId(od::value v, std::string* out) {
  od::json_type t;
  if (auto e = v.type().get(t)) return e;
  if (t == od::json_type::string) {
    std::string_view s;
    if (auto e = v.get_string().get(s)) return e;
    out->assign(s);
    return simdjson::SUCCESS;
  }
  if (t == od::json_type::number) {
    uint64_t n = 0;
    if (auto e = v.get_uint64().get(n)) return e;
    *out = std::to_string(n);
    return simdjson::SUCCESS;
  }
  if (t == od::json_type::null) {
    out->clear();
    return simdjson::SUCCESS;
  }
  return simdjson::INCORRECT_TYPE;
}

error_code GetString(od::value v, std::string* out) {
  od::json_type t;
  if (auto e = v.type().get(t)) return e;
  if (t == od::json_type::null) {
    out->clear();
    return simdjson::SUCCESS;
  }
  std::string_view s;
  if (auto e = v.get_string().get(s)) return e;
  out->assign(s);
  return simdjson::SUCCESS;
}

bool ScanObject(std::string_view json, const std::function<bool(std::string_view, std::string_view)>& on_field) {
  const char* p = json.data();
  const char* end = p + json.size();
  p = SkipSpace(p, end);
  if (p >= end || *p != '{') return false;
  ++p;
  while (true) {
    p = SkipSpace(p, end);
    if (p >= end || *p != '"') return true;
    const char* key_end = SkipString(p, end);
    std::string_view key(p + 1, static_cast<size_t>(std::max<std::ptrdiff_t>(key_end - p - 2, 0)));
    p = SkipSpace(key_end, end);
    if (p >= end || *p != ':') return true;
    p = SkipSpace(p + 1, end);
    const char* value_end = SkipValue(p, end);
    if (!on_field(key, std::string_view(p, static_cast<size_t>(value_end - p)))) return true;
    p = SkipSpace(value_end, end);
    if (p >= end || *p != ',') return true;
    ++p;
  }
}

bool FirstArrayElement(std::string_view json, std::string_view* first) {
  const char* p = json.data();
  const char* end = p + json.size();
  p = SkipSpace(p, end);
  if (p >= end || *p != '[') return false;
  p = SkipSpace(p + 1, end);
  if (p >= end || *p == ']') {
    *first = std::string_view();
    return true;
  }
  *first = std::string_view(p, static_cast<size_t>(SkipValue(p, end) - p));
  return true;
}

}  // namespace rapport::pipeline::internal
