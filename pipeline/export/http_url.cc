#include "pipeline/export/http_url.h"

namespace rapport::pipeline {
namespace {

char Lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

bool HasPrefixCi(std::string_view s, std::string_view prefix) {
  if (s.size() < prefix.size()) return false;
  for (size_t i = 0; i < prefix.size(); ++i)
    if (Lower(s[i]) != prefix[i]) return false;
  return true;
}

}  // namespace

bool HasHttpScheme(std::string_view url) {
  const size_t scheme = HasPrefixCi(url, "https://") ? 8 : HasPrefixCi(url, "http://") ? 7 : 0;
  return scheme != 0 && url.size() > scheme;
}

std::string LowerScheme(std::string_view url) {
  std::string out(url);
  const size_t colon = out.find("://");
  for (size_t i = 0; colon != std::string::npos && i < colon; ++i) out[i] = Lower(out[i]);
  return out;
}

}  // namespace rapport::pipeline
