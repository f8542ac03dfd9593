// RequestGuard: Host and Origin checks (see request_guard.h).
#include "review/request_guard.h"

#include <arpa/inet.h>

#include <algorithm>
#include <cctype>

namespace rapport::review {

namespace {

std::string Lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
  return out;
}

bool IsIpv4(const std::string& s) {
  in_addr a;
  return inet_pton(AF_INET, s.c_str(), &a) == 1;
}

bool IsIpv6(const std::string& s) {
  in6_addr a;
  return inet_pton(AF_INET6, s.c_str(), &a) == 1;
}

bool IsLoopback(const std::string& host) {
  if (host == "localhost" || host == "::1") return true;
  in_addr a;
  if (inet_pton(AF_INET, host.c_str(), &a) == 1) return (ntohl(a.s_addr) >> 24) == 127;
  return false;
}

// Splits "host:port" / "[v6]:port" / "host" into a lower-case host (v6
// without brackets) and a port (`default_port` when absent). False if malformed.
bool SplitHostPort(std::string_view hp, int default_port, std::string* host, int* port) {
  if (hp.empty()) return false;
  std::string_view h = hp, p;
  if (hp.front() == '[') {
    size_t close = hp.find(']');
    if (close == std::string_view::npos) return false;
    h = hp.substr(1, close - 1);
    std::string_view rest = hp.substr(close + 1);
    if (!rest.empty()) {
      if (rest.front() != ':') return false;
      p = rest.substr(1);
      if (p.empty()) return false;
    }
    if (!IsIpv6(std::string(h))) return false;
  } else {
    size_t colon = hp.rfind(':');
    if (colon != std::string_view::npos) {
      if (hp.find(':') != colon) return false;  // a bare IPv6 address is not a Host value
      h = hp.substr(0, colon);
      p = hp.substr(colon + 1);
      if (p.empty()) return false;
    }
  }
  if (h.empty()) return false;
  // Only host characters: a NUL or anything else would reach inet_pton as a
  // C string and be judged by its prefix alone.
  for (char c : h) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
                    c == '-' || c == ':';
    if (!ok) return false;
  }
  *port = default_port;
  if (!p.empty()) {
    if (p.size() > 5) return false;
    int n = 0;
    for (char c : p) {
      if (c < '0' || c > '9') return false;
      n = n * 10 + (c - '0');
    }
    *port = n;
  }
  *host = Lower(h);
  return true;
}

std::string NormalizeBind(std::string_view bind) {
  std::string b = Lower(bind);
  if (b.size() > 2 && b.front() == '[' && b.back() == ']') b = b.substr(1, b.size() - 2);
  return b;
}

}  // namespace

RequestGuard::RequestGuard(std::string bind, int port)
    : bind_(NormalizeBind(bind)), port_(port), wildcard_(bind_.empty() || bind_ == "0.0.0.0" || bind_ == "::") {}

bool RequestGuard::HostAllowed(std::string_view host_header) const {
  std::string host;
  int port = 0;
  if (!SplitHostPort(host_header, 80, &host, &port)) return false;
  if (port != port_) return false;
  if (IsLoopback(host) || host == bind_) return true;
  // Bound to every interface: any address literal reaches us honestly; a
  // host name other than localhost could be a rebinding attacker's.
  return wildcard_ && (IsIpv4(host) || IsIpv6(host));
}

bool RequestGuard::OriginAllowed(std::string_view origin) const {
  constexpr std::string_view kScheme = "http://";
  if (origin.size() <= kScheme.size() || Lower(origin.substr(0, kScheme.size())) != kScheme) return false;
  std::string_view rest = origin.substr(kScheme.size());
  if (rest.find_first_of("/?#@") != std::string_view::npos) return false;
  return HostAllowed(rest);
}

}  // namespace rapport::review
