#include "connectors/internal/redaction.h"

#include <algorithm>
#include <array>

namespace rapport::connectors::internal {

namespace {

constexpr std::string_view kRedacted = "REDACTED";

bool Contains(std::string_view s, std::string_view part) { return s.find(part) != std::string_view::npos; }
bool EndsWith(std::string_view s, std::string_view end) {
  return s.size() >= end.size() && s.substr(s.size() - end.size()) == end;
}

bool IsSecretParam(std::string_view raw_name) {
  std::string name = ToLower(raw_name);
  static constexpr std::array<std::string_view, 4> kCursors = {"next_token", "pagination_token", "previous_token",
                                                               "cursor"};
  if (std::find(kCursors.begin(), kCursors.end(), name) != kCursors.end()) return false;
  static constexpr std::array<std::string_view, 12> kSecret = {"access_token", "api_key", "apikey",        "key",
                                                               "token",        "secret",  "password",      "passwd",
                                                               "signature",    "sig",     "client_secret", "code"};
  if (std::find(kSecret.begin(), kSecret.end(), name) != kSecret.end()) return true;
  return name.rfind("oauth_", 0) == 0 || Contains(name, "secret") || Contains(name, "password") ||
         EndsWith(name, "_key") || EndsWith(name, "_token");
}

}  // namespace

std::string ToLower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

std::string RedactUrl(std::string_view url) {
  std::string out;
  out.reserve(url.size());
  // user:password@ in the authority.
  size_t scheme = url.find("://");
  size_t authority = scheme == std::string_view::npos ? 0 : scheme + 3;
  size_t authority_end = url.find_first_of("/?#", authority);
  if (authority_end == std::string_view::npos) authority_end = url.size();
  size_t at = url.substr(0, authority_end).rfind('@');
  if (at != std::string_view::npos && at >= authority) {
    out.append(url.substr(0, authority));
    out.append(kRedacted);
    url.remove_prefix(at);
  } else {
    out.append(url.substr(0, authority));
    url.remove_prefix(authority);
  }
  size_t query = url.find('?');
  if (query == std::string_view::npos) {
    out.append(url);
    return out;
  }
  out.append(url.substr(0, query + 1));
  std::string_view rest = url.substr(query + 1);
  std::string_view fragment;
  if (size_t hash = rest.find('#'); hash != std::string_view::npos) {
    fragment = rest.substr(hash);
    rest = rest.substr(0, hash);
  }
  bool first = true;
  while (true) {
    size_t amp = rest.find('&');
    std::string_view param = rest.substr(0, amp);
    if (!first) out.push_back('&');
    first = false;
    size_t eq = param.find('=');
    if (eq != std::string_view::npos && IsSecretParam(param.substr(0, eq))) {
      out.append(param.substr(0, eq + 1));
      out.append(kRedacted);
    } else {
      out.append(param);
    }
    if (amp == std::string_view::npos) break;
    rest.remove_prefix(amp + 1);
  }
  out.append(fragment);
  return out;
}

bool IsSecretHeader(std::string_view raw_name) {
  std::string name = ToLower(raw_name);
  return name == "cookie" || Contains(name, "auth") || Contains(name, "token") || Contains(name, "secret") ||
         Contains(name, "key");
}

std::string ScrubSecrets(std::string text, const std::vector<std::pair<std::string, std::string>>& headers) {
  auto replace_all = [&text](std::string_view secret) {
    if (secret.size() < 4) return;  // too short to be a credential; would mangle the text
    for (size_t pos = text.find(secret); pos != std::string::npos; pos = text.find(secret, pos + kRedacted.size())) {
      text.replace(pos, secret.size(), kRedacted);
    }
  };
  for (const auto& [name, value] : headers) {
    if (!IsSecretHeader(name)) continue;
    replace_all(value);
    if (size_t space = value.find(' '); space != std::string::npos)
      replace_all(std::string_view(value).substr(space + 1));
  }
  return text;
}

}  // namespace rapport::connectors::internal
