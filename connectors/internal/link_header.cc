#include "connectors/internal/link_header.h"

#include "connectors/internal/redaction.h"

namespace rapport::connectors::internal {

namespace {

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

}  // namespace

std::vector<Link> ParseLinkHeader(std::string_view header) {
  std::vector<Link> links;
  size_t i = 0;
  while (i < header.size()) {
    size_t open = header.find('<', i);
    if (open == std::string_view::npos) break;
    size_t close = header.find('>', open + 1);
    if (close == std::string_view::npos) break;
    Link link;
    link.url = std::string(Trim(header.substr(open + 1, close - open - 1)));
    // Parameters up to the next comma outside quotes.
    i = close + 1;
    bool quoted = false;
    size_t end = i;
    for (; end < header.size(); ++end) {
      char c = header[end];
      if (c == '"') quoted = !quoted;
      else if (c == ',' && !quoted) break;
    }
    std::string_view params = header.substr(i, end - i);
    i = end + 1;
    while (!params.empty()) {
      size_t semi = params.find(';');
      std::string_view param = Trim(params.substr(0, semi));
      params = semi == std::string_view::npos ? std::string_view() : params.substr(semi + 1);
      size_t eq = param.find('=');
      if (eq == std::string_view::npos) continue;
      if (ToLower(Trim(param.substr(0, eq))) != "rel") continue;
      std::string_view value = Trim(param.substr(eq + 1));
      if (value.size() >= 2 && value.front() == '"' && value.back() == '"') value = value.substr(1, value.size() - 2);
      link.rel = ToLower(Trim(value));
    }
    if (!link.url.empty()) links.push_back(std::move(link));
  }
  return links;
}

std::string FindLink(std::string_view header, std::string_view rel) {
  for (const Link& link : ParseLinkHeader(header)) {
    std::string_view rels = link.rel;
    while (!rels.empty()) {
      size_t space = rels.find(' ');
      if (rels.substr(0, space) == rel) return link.url;
      if (space == std::string_view::npos) break;
      rels.remove_prefix(space + 1);
    }
  }
  return "";
}

}  // namespace rapport::connectors::internal
