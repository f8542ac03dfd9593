// Request guard for the local review server: CSRF and DNS-rebinding checks
// on the Host and Origin headers. Thread-safe (pure functions).
//
// A web page on another site can make the analyst's browser send requests to
// 127.0.0.1; two things stop it from reading or changing reviews:
//   - DNS rebinding gets there under the attacker's host name, so the Host
//     header must name this server: "localhost", a loopback address, the bind
//     address, or (when bound to a wildcard address) any IP literal, always
//     with the server's port. Host names other than "localhost" are refused.
//   - Cross-site requests carry an Origin header (browsers send it on every
//     POST), which must be http://<allowed host>:<port>. A request without
//     Origin (curl, scripts) is allowed: only browsers are confused deputies.
#ifndef RAPPORT_REVIEW_REQUEST_GUARD_H_
#define RAPPORT_REVIEW_REQUEST_GUARD_H_

#include <string>
#include <string_view>

namespace rapport::review {

class RequestGuard {
 public:
  // `bind` is the address the server listens on ("127.0.0.1", "::1",
  // "0.0.0.0", ...), `port` the port it actually got.
  RequestGuard(std::string bind, int port);

  // True if `host` (the Host header value, e.g. "127.0.0.1:8377") names this server.
  bool HostAllowed(std::string_view host) const;
  // True if `origin` (the Origin header value) is this server's origin.
  // An empty origin is not allowed here; callers decide about a missing header.
  bool OriginAllowed(std::string_view origin) const;

 private:
  std::string bind_;
  int port_;
  bool wildcard_;
};

}  // namespace rapport::review

#endif  // RAPPORT_REVIEW_REQUEST_GUARD_H_
